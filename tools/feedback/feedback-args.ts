import { parseArgs } from 'node:util';
import { BUREAUS, type Bureau } from '@furnish/shared-contracts';

export const FEEDBACK_USAGE = `usage: feedback import <file> --operator <id>
       feedback rejected [--bureau <${BUREAUS.join('|')}>] [--json]
       feedback resent --operator <id> [--bureau <${BUREAUS.join('|')}>]
  import    read a PBOC feedback file (…2100<serial>1.txt) or a Metro 2/Baihang rejection list (.csv),
            match every line to a record sent on the bureau's outbound topic and record ACCEPTED or
            REJECTED for it, all or nothing; the same file again changes nothing
  rejected  the records whose bureau state is REJECTED, with codes and rules: what to correct upstream
  resent    mark REJECTED records RESENT where a later record about the same account and report was
            published (the lender's correction went through)
  env: DATABASE_URL (consent database), KAFKA_BROKERS, SCHEMA_REGISTRY_URL (import and resent read the outbound topics)`;

export type FeedbackCommand =
  | { readonly command: 'import'; readonly file: string; readonly operator: string }
  | { readonly command: 'rejected'; readonly bureau?: Bureau; readonly json: boolean }
  | { readonly command: 'resent'; readonly operator: string; readonly bureau?: Bureau };

export class FeedbackUsageError extends Error {
  constructor(problem: string) {
    super(`${problem}\n${FEEDBACK_USAGE}`);
    this.name = 'FeedbackUsageError';
  }
}

/** Who imports is recorded with every state the file sets: an id, never a name with spaces. */
const OPERATOR = /^[A-Za-z0-9._@-]{1,128}$/;
const OPTIONS = { operator: { type: 'string' }, bureau: { type: 'string' }, json: { type: 'boolean' } } as const;

/** Parses `npm run feedback -- …`; every mistake is a FeedbackUsageError that says which. */
export function parseFeedbackArgs(argv: readonly string[]): FeedbackCommand {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new FeedbackUsageError((error as Error).message);
  }
  const { values, positionals: positional } = parsed;
  const allowed = (names: readonly (keyof typeof OPTIONS)[]) => {
    const extra = Object.keys(values).filter((name) => !(names as readonly string[]).includes(name));
    if (extra.length > 0) throw new FeedbackUsageError(`${command} does not take ${extra.map((name) => `--${name}`).join(', ')}`);
  };
  const operator = () => {
    const value = values.operator;
    if (value === undefined || !OPERATOR.test(value)) throw new FeedbackUsageError('--operator <id> is required (letters, digits, . _ @ -; at most 128): it is recorded with every state');
    return value;
  };
  const bureau = (): Bureau | undefined => {
    const value = values.bureau;
    if (value !== undefined && !(BUREAUS as readonly string[]).includes(value)) throw new FeedbackUsageError(`--bureau must be one of ${BUREAUS.join(', ')}`);
    return value as Bureau | undefined;
  };
  switch (command) {
    case 'import':
      allowed(['operator']);
      if (positional.length !== 1) throw new FeedbackUsageError('import takes one file');
      return { command, file: positional[0], operator: operator() };
    case 'rejected':
      allowed(['bureau', 'json']);
      if (positional.length > 0) throw new FeedbackUsageError('rejected takes no file');
      return { command, bureau: bureau(), json: values.json === true };
    case 'resent':
      allowed(['operator', 'bureau']);
      if (positional.length > 0) throw new FeedbackUsageError('resent takes no file');
      return { command, operator: operator(), bureau: bureau() };
    default:
      throw new FeedbackUsageError(command === undefined ? 'name a command' : `unknown command ${command}`);
  }
}
