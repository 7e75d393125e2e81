import { BUREAUS, consumerGroupOf, isLocalDate, type Bureau, type LocalDate } from '@furnish/shared-contracts';
import { SubmissionArgsError } from './errors';

export interface SubmissionArgs {
  readonly bureau: Bureau;
  readonly from: LocalDate;
  readonly to: LocalDate;
  readonly outDir: string;
  readonly institution?: string;
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly reporterName?: string;
  readonly reporterAddress?: string;
  readonly timeoutMs: number;
  /** The consent database and ledger group for the release-time re-check of every record in the file. */
  readonly consentCheck: { readonly databaseUrl: string; readonly ledgerGroup: string };
}

export const USAGE = `usage: submission --bureau <${BUREAUS.join('|')}> --from YYYY-MM-DD --to YYYY-MM-DD
       [--out out/submissions] [--institution <code>] [--brokers host:port,...] [--registry-url <url>]
       [--reporter-name <name>] [--reporter-address <address>] [--timeout-seconds 60]
  --institution      PBOC: 14-character data-provider code (default: the records' MngmtOrgCode);
                     Baihang: file-name prefix (default FURNISH)
  --reporter-*       Metro 2 Header reporter name and address (upper-case ASCII)
  env: KAFKA_BROKERS (default localhost:9092), SCHEMA_REGISTRY_URL (default http://localhost:8081/apis/ccompat/v7),
       DATABASE_URL (consent database, default postgres://postgres@127.0.0.1:5432/furnish) and CONSENT_LEDGER_GROUP
       (default furnish.consent-ledger): every record is re-checked against consent before it goes into the file`;

const FLAGS = ['bureau', 'from', 'to', 'out', 'institution', 'brokers', 'registry-url', 'reporter-name', 'reporter-address', 'timeout-seconds'] as const;
type Flag = (typeof FLAGS)[number];

export function parseSubmissionArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): SubmissionArgs {
  const values = new Map<Flag, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i].replace(/^--/, '') as Flag;
    if (!argv[i].startsWith('--') || !FLAGS.includes(flag)) throw new SubmissionArgsError(`unknown argument ${argv[i]}`);
    if (argv[i + 1] === undefined || argv[i + 1].startsWith('--')) throw new SubmissionArgsError(`--${flag} needs a value`);
    values.set(flag, argv[i + 1]);
  }
  const bureau = values.get('bureau');
  if (!bureau || !(BUREAUS as readonly string[]).includes(bureau)) throw new SubmissionArgsError(`--bureau must be one of ${BUREAUS.join(', ')}`);
  const from = date(values.get('from'), 'from');
  const to = date(values.get('to'), 'to');
  if (from > to) throw new SubmissionArgsError('--from must not be after --to');
  if (bureau === 'metro2' && from.slice(0, 7) !== to.slice(0, 7)) {
    throw new SubmissionArgsError('Metro 2 files report one month: --from and --to must fall in the same calendar month');
  }
  const institution = values.get('institution');
  if (bureau === 'pboc-crc' && institution !== undefined && !/^[0-9A-Z]{14}$/.test(institution)) {
    throw new SubmissionArgsError('--institution for PBOC must be the 14-character data-provider code (digits and upper-case letters)');
  }
  const timeoutSeconds = Number(values.get('timeout-seconds') ?? '60');
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) throw new SubmissionArgsError('--timeout-seconds must be a positive integer');
  return {
    bureau: bureau as Bureau,
    from,
    to,
    outDir: values.get('out') ?? 'out/submissions',
    ...(institution === undefined ? {} : { institution }),
    brokers: (values.get('brokers') ?? env.KAFKA_BROKERS ?? 'localhost:9092').split(',').map((b) => b.trim()).filter(Boolean),
    registryUrl: values.get('registry-url') ?? env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7',
    ...(values.has('reporter-name') ? { reporterName: values.get('reporter-name') } : {}),
    ...(values.has('reporter-address') ? { reporterAddress: values.get('reporter-address') } : {}),
    timeoutMs: timeoutSeconds * 1000,
    consentCheck: {
      databaseUrl: env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish',
      ledgerGroup: env.CONSENT_LEDGER_GROUP ?? consumerGroupOf('consent-ledger'),
    },
  };
}

function date(value: string | undefined, flag: string): LocalDate {
  if (!isLocalDate(value)) throw new SubmissionArgsError(`--${flag} must be a date written YYYY-MM-DD`);
  return value;
}
