import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';
import { outboundRecordId, SchemaCatalog, TOPICS, toLocalDate, type Bureau } from '@furnish/shared-contracts';
import { localDateTimeIn } from '@furnish/bureau-domain';
import { buildSubmissionFiles, submissionOrder } from '@furnish/bureau-formats';
import { METRO2_TIME_ZONE } from '@furnish/bureau-format-metro2';
import { PBOC_TIME_ZONE } from '@furnish/bureau-format-pboc-crc';
import { BAIHANG_TIME_ZONE } from '@furnish/bureau-format-baihang';
import type { FurnisherIdentity } from './furnisher-identity';
import type { ConnectionSecurity } from '@furnish/shared-connection-security';
import { openReleaseGate } from '@furnish/consent-release-gate';
import { bureauOfCode, type OutboundRecord, type RecordKind } from '@furnish/shared-contracts';
import { readOutboundTopic } from './outbound-topic.reader';
import { fileContentsOf, selectForSubmission } from './record-selection';

export interface WriteSubmissionFileOptions {
  readonly bureau: Bureau;
  /** First and last report date to include, 'YYYY-MM-DD'. */
  readonly from: string;
  readonly to: string;
  readonly outDir: string;
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  /** TLS, SASL and registry credentials for secured Kafka, registry and database (connectionSecurityFromEnv). */
  readonly security?: ConnectionSecurity;
  /** Who furnishes (`furnisherIdentityFor`): the file is refused when the bureau's part is missing. */
  readonly identity: FurnisherIdentity;
  /** When the file is made (default now); its wall-clock time in the bureau's zone stamps the file. */
  readonly now?: Date;
  readonly timeoutMs?: number;
  /**
   * Re-check consent for every selected record before it goes into the file (the release-time rule,
   * docs/consent.md): records whose consent was withdrawn since the filter released them are left
   * out and audited. Off when absent (tests of the file layout only).
   */
  readonly consentCheck?: { readonly databaseUrl: string; readonly ledgerGroup: string };
  /** Tests only: read this topic (with this serde) instead of the bureau's outbound topic. */
  readonly topic?: string;
  readonly serde?: AvroSerde;
}

export interface WrittenSubmission {
  readonly bureau: Bureau;
  readonly topic: string;
  readonly recordsRead: number;
  readonly recordsSelected: number;
  readonly duplicates: number;
  /** Selected records left out by the consent re-check. */
  readonly withheldAtRelease: number;
  /** Metro 2 DA records written with the reports (included in recordsSelected); never re-checked for consent. */
  readonly deletionsWritten: number;
  /**
   * Deletion records (PBOC 214/213, Baihang opCode D) and PBOC 212 corrections in the period, left out: their submission files
   * are not written yet (docs/operations.md, "Consent found invalid"). Never re-checked for consent:
   * a deletion needs no authorisation.
   */
  readonly deletionsLeftOut: number;
  /** Absolute paths of the files written; empty when there were no records in the period. */
  readonly files: readonly { readonly path: string; readonly recordCount: number }[];
}

const TIME_ZONE: Readonly<Record<Bureau, string>> = { 'pboc-crc': PBOC_TIME_ZONE, baihang: BAIHANG_TIME_ZONE, metro2: METRO2_TIME_ZONE };

/**
 * Reads `furnish.outbound.<bureau>.v1` from the beginning (read_committed, up to its end at start),
 * keeps the records reported in [from, to] once each, and writes the bureau's submission file(s)
 * into outDir after the bureau's file validator passed them. Writes nothing when no record falls in
 * the period. Needs Kafka and the schema registry.
 */
export async function writeSubmissionFile(options: WriteSubmissionFileOptions): Promise<WrittenSubmission> {
  const topic = options.topic ?? TOPICS.outbound[options.bureau];
  const serde = options.serde ?? new AvroSerde(new SchemaRegistryClient({ url: options.registryUrl, ...options.security?.registry }), SchemaCatalog.load());
  const read = await readOutboundTopic({ brokers: options.brokers, topic, serde, timeoutMs: options.timeoutMs ?? 60_000, kafkaSecurity: options.security?.kafka });
  const selection = selectForSubmission(read, { bureau: options.bureau, from: toLocalDate(options.from), to: toLocalDate(options.to) });
  const { reports, deletions, leftOut } = fileContentsOf(selection.records);
  const consented = options.consentCheck ? await stillConsented(reports, options.brokers, options.consentCheck, options.security) : reports;
  const records = [...consented, ...deletions].sort(submissionOrder);
  const files = buildSubmissionFiles(options.bureau, records, {
    generatedAt: localDateTimeIn(options.now ?? new Date(), TIME_ZONE[options.bureau]),
    ...identityOptions(options.identity),
  });
  const written: { path: string; recordCount: number }[] = [];
  if (files.length > 0) await mkdir(options.outDir, { recursive: true });
  for (const file of files) {
    const target = path.resolve(options.outDir, file.fileName);
    await writeFile(target, file.content, 'utf8');
    written.push({ path: target, recordCount: file.recordCount });
  }
  return {
    bureau: options.bureau,
    topic,
    recordsRead: read.length,
    recordsSelected: records.length,
    duplicates: selection.duplicates,
    withheldAtRelease: reports.length - consented.length,
    deletionsWritten: deletions.length,
    deletionsLeftOut: leftOut,
    files: written,
  };
}

/** The records the release-time re-check still lets go to the bureau (audited as the `submission` stage). */
async function stillConsented(
  records: readonly OutboundRecord[],
  brokers: readonly string[],
  check: NonNullable<WriteSubmissionFileOptions['consentCheck']>,
  security: ConnectionSecurity | undefined,
): Promise<OutboundRecord[]> {
  if (records.length === 0) return [];
  const { gate, close } = await openReleaseGate({ ...check, brokers, stage: 'submission', applicationName: 'furnish-submission', security });
  try {
    // A correction's record (Baihang opCode M, Metro 2 CorrectionIndicator 1) has an id derived from the original record
    // (correctionRecordId), never the report id of its own event: it is re-checked as a correction (docs/consent.md,
    // "Corrections and retractions": a withdrawal does not stop it, an invalidation does).
    const verdicts = await gate.check(
      records.map((r) => {
        const bureau = bureauOfCode(r.bureau);
        return { eventId: r.sourceEventId, bureau, correction: r.recordId !== outboundRecordId(r.sourceEventId, bureau, r.recordKind as RecordKind) };
      }),
    );
    return records.filter((_, i) => verdicts[i].release);
  } finally {
    await close();
  }
}

function identityOptions({ pbocInstitutionCode, baihangInstitutionId, metro2Reporter }: FurnisherIdentity) {
  const institution = pbocInstitutionCode ?? baihangInstitutionId;
  return { ...(institution === undefined ? {} : { institution }), ...(metro2Reporter === undefined ? {} : { metro2Reporter }) };
}
