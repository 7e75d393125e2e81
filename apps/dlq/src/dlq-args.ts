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

const VALUED = new Set(['--stage', '--operator', '--to', '--key']);
const FLAGS = new Set(['--json', '--again']);

/** Parses `npm run dlq -- …`; every mistake is a DlqUsageError that says which. */
export function parseDlqArgs(argv: readonly string[]): DlqCommand {
  const [command, ...rest] = argv;
  const options = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (VALUED.has(arg)) {
      const value = rest[++i];
      if (value === undefined || value.startsWith('--')) throw new DlqUsageError(`${arg} needs a value`);
      options.set(arg, value);
    } else if (FLAGS.has(arg)) flags.add(arg);
    else if (arg.startsWith('--')) throw new DlqUsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  const allowed = (names: readonly string[]) => {
    const extra = [...options.keys(), ...flags].filter((name) => !names.includes(name));
    if (extra.length > 0) throw new DlqUsageError(`${command} does not take ${extra.join(', ')}`);
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
      allowed(['--stage', '--json']);
      if (positional.length > 0) throw new DlqUsageError('list takes no dead letter');
      const stage = options.get('--stage');
      if (stage !== undefined && !isStage(stage)) throw new DlqUsageError(`--stage must be one of ${STAGES.join(', ')}`);
      return { command, stages: stage === undefined ? STAGES : [stage], json: flags.has('--json') };
    }
    case 'show':
      allowed(['--operator']);
      return { command, address: address(), operator: options.get('--operator') };
    case 'redrive':
      allowed(['--operator', '--to', '--key', '--again']);
      return { command, address: address(), operator: options.get('--operator'), to: options.get('--to'), key: options.get('--key'), again: flags.has('--again') };
    default:
      throw new DlqUsageError(command === undefined ? 'name a command' : `unknown command ${command}`);
  }
}
