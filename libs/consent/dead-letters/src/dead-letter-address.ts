import { STAGES, TOPICS, type StageName } from '@furnish/shared-contracts';

/** Where one dead letter is: its stage's DLQ topic, partition and offset; written `<stage>:<partition>:<offset>`. */
export interface DeadLetterAddress {
  readonly stage: StageName;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** A dead-letter address that does not parse; says what one looks like. */
export class DeadLetterAddressError extends Error {
  constructor(text: string) {
    super(`${JSON.stringify(text.slice(0, 80))} is not a dead letter: write <stage>:<partition>:<offset> (stage one of ${STAGES.join(', ')}), as \`dlq list\` prints it`);
    this.name = 'DeadLetterAddressError';
  }
}

export const isStage = (value: string): value is StageName => (STAGES as readonly string[]).includes(value);

export function parseDeadLetterAddress(text: string): DeadLetterAddress {
  const match = /^([a-z-]+):(\d{1,9}):(\d{1,19})$/.exec(text);
  if (!match || !isStage(match[1])) throw new DeadLetterAddressError(text);
  const stage = match[1];
  return { stage, topic: TOPICS.deadLetter[stage], partition: Number(match[2]), offset: BigInt(match[3]).toString() };
}

export const formatDeadLetterAddress = (address: Pick<DeadLetterAddress, 'stage' | 'partition' | 'offset'>): string => `${address.stage}:${address.partition}:${address.offset}`;
