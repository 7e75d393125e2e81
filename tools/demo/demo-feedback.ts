import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TOPICS, type LoanEvent, type OutboundRecord } from '@furnish/shared-contracts';
import { BureauFeedbackRepository, createConsentDataSource } from '@furnish/consent-data-access';
import { keyOf } from '@furnish/bureau-feedback';
import { localDateTimeIn } from '@furnish/bureau-domain';
import { PBOC_HEADER_LENGTH, PBOC_TIME_ZONE, pbocHeaderLine } from '@furnish/bureau-format-pboc-crc';
import { whyReport } from '@furnish/consent-data-access-reports';
import { importFeedbackFile, markResent, outboundTopicSource, renderImport, renderRejected } from '@furnish/tools-feedback';
import type { generateSyntheticMonth } from '@furnish/lending-synthetic';
import type { Capture, PipelineClient } from '../kafka';

const OPERATOR = 'demo-operator';
const PBOC = TOPICS.outbound['pboc-crc'];

/**
 * Issue 15's bureau feedback, once: the CRC answers a month-end PBOC record with BLE015 in a
 * feedback file (docs/formats/feedback.md); `npm run feedback -- import` records it REJECTED with the
 * rule; the lender publishes the corrected event, its record goes out, `resent` supersedes the
 * rejection; `why` shows the record's bureau history.
 */
export async function demonstrateFeedback(
  client: PipelineClient,
  capture: Capture,
  connection: { readonly databaseUrl: string; readonly brokers: readonly string[]; readonly registryUrl: string },
  month: ReturnType<typeof generateSyntheticMonth>,
): Promise<void> {
  const statements = new Map(month.loanEvents.filter((e) => e.eventType === 'STATEMENT_CLOSED').map((e) => [e.eventId, e]));
  const referenceOf = (record: OutboundRecord) => keyOf({ recordId: record.recordId, bureau: 'pboc-crc', recordKind: record.recordKind, payload: record.payload, producedAt: record.producedAt });
  // A feedback line names AcctCode and RptDate, and answers the latest record sent for them: an account
  // with two records on one report date (a repayment on statement day) would have the line answer the
  // other one, so the demo rejects a month-end record that is the last of its reference.
  const lastOfReference = new Map<string, OutboundRecord>();
  for (const r of capture.records) {
    const reference = r.topic === PBOC ? referenceOf(r.value as OutboundRecord)?.reference : undefined;
    if (reference) lastOfReference.set(reference, r.value as OutboundRecord);
  }
  const record = [...lastOfReference.values()].find((r) => statements.has(r.sourceEventId));
  if (!record) {
    console.log('\nbureau feedback: no month-end PBOC record in this month; skipped');
    return;
  }
  const keys = referenceOf(record)!;
  const [acctCode, rptDate] = keys.reference.split('@');
  const institution = acctCode.slice(0, 14);

  const database = createConsentDataSource({ url: connection.databaseUrl, applicationName: 'furnish-demo', poolSize: 2 });
  await database.initialize();
  try {
    const repository = new BureauFeedbackRepository(database);
    const sentTo = () => outboundTopicSource({ brokers: connection.brokers, registryUrl: connection.registryUrl });
    const beijingNow = localDateTimeIn(new Date(), PBOC_TIME_ZONE); // 'YYYY-MM-DDTHH:mm:ss', as the submission files are stamped
    const fileName = await feedbackFileName(database, institution, beijingNow);
    const header = pbocHeaderLine(institution, beijingNow, '2.0.0', 1);
    if (header.length !== PBOC_HEADER_LENGTH) throw new Error('PBOC header is not 50 characters');
    const file = path.resolve('out/feedback', fileName);
    await mkdir(path.dirname(file), { recursive: true });
    const content = `${header}\r\n${acctCode}|${rptDate}|BLE015\r\n`;
    await writeFile(file, content, 'utf8');
    console.log(`\nbureau feedback: the CRC rejects PBOC record ${record.recordId} (RptDate ${rptDate}) with BLE015 in ${path.relative(process.cwd(), file)}`);
    const imported = await importFeedbackFile({ fileName, bytes: Buffer.from(content, 'utf8'), operator: OPERATOR }, sentTo(), repository);
    console.log(`  npm run feedback -- import … --operator ${OPERATOR}: ${renderImport(imported).split('\n')[0]}`);
    const waiting = (await repository.outstandingRejections('pboc-crc')).filter((r) => r.recordId === record.recordId);
    console.log(`  npm run feedback -- rejected:\n${indent(renderRejected(waiting), 4)}`);

    // The lender corrects the statement upstream and publishes it again: a new event id, the same account
    // and period. (The demo's rejection is staged, so the re-published content is the same.)
    const original = statements.get(record.sourceEventId) as LoanEvent;
    const corrected: LoanEvent = { ...original, eventId: randomUUID() };
    await client.publish(TOPICS.loanEvents, corrected.account.accountId, corrected);
    const [fixed] = await capture.waitFor<OutboundRecord>((r) => r.topic === PBOC && (r.value as OutboundRecord).sourceEventId === corrected.eventId, 1, 120_000);
    console.log(`  the lender re-publishes the statement corrected (a new event id; here the content is unchanged): PBOC record ${fixed.value.recordId} for the same AcctCode and RptDate`);
    const moved = await markResent(['pboc-crc'], sentTo(), repository, OPERATOR);
    console.log(`  npm run feedback -- resent --operator ${OPERATOR}: ${moved} rejected record(s) superseded: RESENT`);
    const why = await whyReport({ eventId: record.sourceEventId, bureau: 'pboc-crc', databaseUrl: connection.databaseUrl });
    console.log(`  npm run why -- ${record.sourceEventId} pboc-crc (bureau state):\n${indent(why.slice(why.indexOf('Bureau state')).split('\n\n')[0], 4)}`);
  } finally {
    await database.destroy();
  }
}

/** Today's next free serial for this institution: a bureau never answers twice under one name. */
async function feedbackFileName(database: { query: (sql: string, params: unknown[]) => Promise<{ n: string }[]> }, institution: string, now: string): Promise<string> {
  const day = now.slice(0, 10).replace(/-/g, '');
  const prefix = `${institution}${day}2100`;
  const [{ n }] = await database.query(`SELECT count(*) AS n FROM bureau_feedback_file WHERE file_name LIKE $1`, [`${prefix}%`]);
  return `${prefix}${String(Number(n) + 1).padStart(3, '0')}1.txt`;
}

const indent = (text: string, n: number) => text.split('\n').map((l) => `${' '.repeat(n)}${l}`).join('\n');
