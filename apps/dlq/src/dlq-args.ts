import { parseArgs } from 'node:util';
import { STAGES, type StageName } from '@furnish/shared-contracts';
import { isStage, parseDeadLetterAddress, type DeadLetterAddress } from '@furnish/consent-dead-letters';

export const DLQ_USAGE = `usage: dlq list [--stage <${STAGES.join('|')}>] [--json]
       dlq show <stage>:<partition>:<offset> --operator <id>
       dlq redrive <stage>:<partition>:<offset> --operator <id> [--to <topic>] [--key <corrected key>] [--again]`;

export type DlqCommand =
  | { readonly command: 'list'; readonly stages: readonly StageName[]; readonly json: boolean }
  | { readonly command: 'show'; readonly address: DeadLetterAddress; readonly operator: string | undefined }
  | { readonly command: 'redrive'; readonly address: DeadLetterAddress; readonly operator: string | undefined; readonly to?: string; readonly key?: string; readonly again: boolean };

export class DlqUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${DLQ_USAGE}`);
    this.name = 'DlqUsageError';
  }
}

const OPTIONS = {
  stage: { type: 'string' },
  operator: { type: 'string' },
  to: { type: 'string' },
  key: { type: 'string' },
  json: { type: 'boolean' },
  again: { type: 'boolean' },
} as const;

/** Parses `npm run dlq -- …`; every mistake is a DlqUsageError that says which. */
export function parseDlqArgs(argv: readonly string[]): DlqCommand {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new DlqUsageError((error as Error).message);
  }
  const { values, positionals: positional } = parsed;
  const allowed = (names: readonly (keyof typeof OPTIONS)[]) => {
    const extra = Object.keys(values).filter((name) => !(names as readonly string[]).includes(name));
    if (extra.length > 0) throw new DlqUsageError(`${command} does not take ${extra.map((name) => `--${name}`).join(', ')}`);
  };
  const address = () => {
    if (positional.length !== 1) throw new DlqUsageError(`${command} takes one dead letter, <stage>:<partition>:<offset>`);
    try {
      return parseDeadLetterAddress(positional[0]);
    } catch (error) {
      throw new DlqUsageError((error as Error).message);
    }
  };
  switch (command) {
    case 'list': {
      allowed(['stage', 'json']);
      if (positional.length > 0) throw new DlqUsageError('list takes no dead letter');
      const stage = values.stage;
      if (stage !== undefined && !isStage(stage)) throw new DlqUsageError(`--stage must be one of ${STAGES.join(', ')}`);
      return { command, stages: stage === undefined ? STAGES : [stage], json: values.json === true };
    }
    case 'show':
      allowed(['operator']);
      return { command, address: address(), operator: values.operator };
    case 'redrive':
      allowed(['operator', 'to', 'key', 'again']);
      return { command, address: address(), operator: values.operator, to: values.to, key: values.key, again: values.again === true };
    default:
      throw new DlqUsageError(command === undefined ? 'name a command' : `unknown command ${command}`);
  }
}
