/**
 * `node tools/run.js tools/submission/submission.cli.ts --bureau <pboc-crc|baihang|metro2> --from
 * YYYY-MM-DD --to YYYY-MM-DD [--out out/submissions] [--institution …]`: writes a bureau's
 * submission file from its outbound topic. Exit 0 also when there was nothing to submit (it says so);
 * 2 for bad arguments; 1 for anything else.
 */
import { RecordInvalidError } from '@furnish/bureau-domain';
import { connectionSecurityFromEnv } from '@furnish/shared-connection-security';
import { ConfigError } from '@furnish/shared-util-config';
import { FurnisherIdentityError, SubmissionArgsError } from './errors';
import { furnisherIdentityFor } from './furnisher-identity';
import { parseSubmissionArgs, USAGE } from './submission-args';
import { writeSubmissionFile } from './write-submission-file';

async function main(): Promise<number> {
  let args;
  let identity;
  let security;
  try {
    args = parseSubmissionArgs(process.argv.slice(2), process.env);
    identity = furnisherIdentityFor(args.bureau, args, process.env);
    security = connectionSecurityFromEnv(process.env, { SCHEMA_REGISTRY_URL: args.registryUrl, DATABASE_URL: args.consentCheck.databaseUrl });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    if (!(error instanceof SubmissionArgsError) && !(error instanceof FurnisherIdentityError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const result = await writeSubmissionFile({ ...args, identity, security });
  console.log(`${result.topic}: read ${result.recordsRead} record(s), ${result.recordsSelected} reported ${args.from}..${args.to}${result.duplicates ? ` (${result.duplicates} duplicate(s) dropped)` : ''}${result.deletionsWritten ? ` (${result.deletionsWritten} of them Metro 2 DA deletion(s))` : ''}${result.withheldAtRelease ? `; ${result.withheldAtRelease} left out: consent withdrawn since release (audited, see npm run why)` : ''}${result.deletionsLeftOut ? `; ${result.deletionsLeftOut} deletion or PBOC 212 correction record(s) not written: deletion and correction files are not produced yet (docs/operations.md, "Consent found invalid")` : ''}`);
  if (result.files.length === 0) {
    console.log(`no ${args.bureau} records in ${args.from}..${args.to}: no file written`);
    return 0;
  }
  for (const file of result.files) console.log(`wrote ${file.path} (${file.recordCount} record(s))`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof RecordInvalidError) console.error(`submission refused: ${error.message}`);
    else console.error(`submission failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  },
);
