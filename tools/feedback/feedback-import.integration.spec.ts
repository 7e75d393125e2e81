import type { DataSource } from 'typeorm';
import { FeedbackFileError, type SentRecord } from '@furnish/bureau-feedback';
import { BureauFeedbackRepository, ConsentDecisionRepository, createConsentDataSource, FeedbackImportConflictError, migrateConsentDatabase } from '@furnish/consent-data-access';
import { ThrowawayDatabases } from '@furnish/consent-data-access/testing';
import { whyReport } from '@furnish/consent-data-access-reports';
import { outboundRecordId, type Bureau } from '@furnish/shared-contracts';
import { importFeedbackFile, markResent, type SentRecordSource } from './feedback-import';
import { renderRejected } from './feedback-render';

// Real PostgreSQL (a throwaway database, migrated); the sent records stand in for the outbound topic,
// which readOutboundTopic (tools/submission, tested there against Kafka) reads in the CLI.
// Payloads and files are written by hand from bureau-formats.md §2.2/§2.4 and docs/formats/feedback.md.
const INSTITUTION = 'N101W1100H0017';
const FEEDBACK_NAME = `${INSTITUTION}2024070121000011.txt`;
const header = (count: number) => `A0502102.0.0  ${INSTITUTION}202407010930000${String(count).padStart(7, '0')}`;
const crlf = (...lines: string[]) => Buffer.from(lines.map((l) => `${l}\r\n`).join(''), 'utf8');
const pboc210 = (account: string, rptDate: string) =>
  `<Document><InAcctInf><AcctBsSgmt><InfRecType>210</InfRecType><AcctType>D1</AcctType><AcctCode>${INSTITUTION}${account}</AcctCode><RptDate>${rptDate}</RptDate><RptDateCode>30</RptDateCode></AcctBsSgmt></InAcctInf></Document>`;

const EVENT_A = 'feedback-spec-event-a';
const EVENT_B = 'feedback-spec-event-b';
const EVENT_A_CORRECTED = 'feedback-spec-event-a-corrected';
const recordA = outboundRecordId(EVENT_A, 'pboc-crc', 'PBOC_210');
const recordB = outboundRecordId(EVENT_B, 'pboc-crc', 'PBOC_210');
const recordAFixed = outboundRecordId(EVENT_A_CORRECTED, 'pboc-crc', 'PBOC_210');

const sentRecord = (recordId: string, account: string, minute: number): SentRecord => ({
  recordId,
  bureau: 'pboc-crc',
  recordKind: 'PBOC_210',
  payload: pboc210(account, '2024-06-30'),
  producedAt: new Date(Date.UTC(2024, 6, 1, 0, minute)),
});

let topic: SentRecord[] = [];
const sentTo: SentRecordSource = async (bureau: Bureau) => topic.filter((r) => r.bureau === bureau);

const databases = new ThrowawayDatabases('furnish_feedback_test');
let databaseUrl: string;
let dataSource: DataSource;
let repository: BureauFeedbackRepository;

beforeAll(async () => {
  databaseUrl = (await databases.create()).url;
  dataSource = createConsentDataSource({ url: databaseUrl, poolSize: 4, applicationName: 'feedback-import-spec' });
  await dataSource.initialize();
  await migrateConsentDatabase(dataSource);
  repository = new BureauFeedbackRepository(dataSource);
  // The audit as the pipeline leaves it: the filter released the event, the formatter published record A.
  const decisions = new ConsentDecisionRepository(dataSource);
  const occurredAt = new Date('2024-06-30T10:00:00Z');
  await decisions.record(
    [{ eventId: EVENT_A, bureau: 'pboc-crc', borrowerRef: 'ref-a', accountRef: 'acc-a', decision: 'RELEASED', reason: null, consentId: 'consent-1', consentVersion: 1, eventOccurredAt: occurredAt }],
    { decidedAt: new Date(), ledgerPosition: {} },
  );
  await decisions.append(
    [{ eventId: EVENT_A, bureau: 'pboc-crc', stage: 'bureau-formatter', decision: 'PUBLISHED', reason: null, consentId: 'consent-1', consentVersion: 1, recordId: recordA, borrowerRef: 'ref-a', eventOccurredAt: occurredAt }],
    new Date(),
  );
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await databases.dropAll();
});

const fileCount = async () => Number((await dataSource.query('SELECT count(*) AS n FROM bureau_feedback_file'))[0].n);
const stateCount = async () => Number((await dataSource.query('SELECT count(*) AS n FROM bureau_record_state'))[0].n);

describe('npm run feedback against PostgreSQL', () => {
  it('imports a PBOC feedback file: REJECTED with code and rule for one record, ACCEPTED for the other, once', async () => {
    topic = [sentRecord(recordA, 'ACC1', 0), sentRecord(recordB, 'ACC2', 1)];
    const bytes = crlf(header(2), `${INSTITUTION}ACC1|2024-06-30|BLE015`, `${INSTITUTION}ACC2|2024-06-30|`);
    const first = await importFeedbackFile({ fileName: FEEDBACK_NAME, bytes, operator: 'ops.li' }, sentTo, repository);
    expect(first.result).toMatchObject({ kind: 'imported', records: 2, rejected: 1 });

    const again = await importFeedbackFile({ fileName: FEEDBACK_NAME, bytes, operator: 'ops.wang' }, sentTo, repository);
    expect(again.result).toMatchObject({ kind: 'already-imported', operator: 'ops.li' });
    expect(await fileCount()).toBe(1);
    expect(await stateCount()).toBe(2);

    const rejected = await repository.outstandingRejections('pboc-crc');
    expect(rejected.map((r) => [r.recordId, r.codes, r.fileName, r.fileLine])).toEqual([[recordA, ['BLE015'], FEEDBACK_NAME, 2]]);
    // bureau-formats.md §2.8 item 5: "RpyStatus * → CurRpyAmt = 0, OverdPrd = 0, TotOverd = 0, PridAcctBal = 0 [BLE015]"
    expect(renderRejected(rejected)).toContain('BLE015: RpyStatus * requires CurRpyAmt, OverdPrd, TotOverd and PridAcctBal to be 0');
    expect(await repository.rejectionsByBureauCode()).toEqual([{ bureau: 'pboc-crc', code: 'BLE015', count: 1 }]);
  });

  it('refuses a whole file, writing nothing, when one line names no record sent', async () => {
    topic = [...topic, sentRecord(outboundRecordId('feedback-spec-event-3', 'pboc-crc', 'PBOC_210'), 'ACC3', 2)];
    const before = [await fileCount(), await stateCount()];
    const name = `${INSTITUTION}2024070121000021.txt`;
    const bytes = crlf(header(2), `${INSTITUTION}ACC3|2024-06-30|`, `${INSTITUTION}NOPE|2024-06-30|ABE007`);
    await expect(importFeedbackFile({ fileName: name, bytes, operator: 'ops.li' }, sentTo, repository)).rejects.toThrow(new FeedbackFileError(name, 3, 'no record sent to pboc-crc has this reference'));
    expect([await fileCount(), await stateCount()]).toEqual(before);
  });

  it('refuses a second answer for a record already answered, and another file under a name already imported', async () => {
    const name = `${INSTITUTION}2024070221000011.txt`;
    await expect(importFeedbackFile({ fileName: name, bytes: crlf(header(1), `${INSTITUTION}ACC2|2024-06-30|ABE007`), operator: 'ops.li' }, sentTo, repository)).rejects.toThrow(/line 2: every record/);
    await expect(importFeedbackFile({ fileName: FEEDBACK_NAME, bytes: crlf(header(0)), operator: 'ops.li' }, sentTo, repository)).rejects.toThrow(FeedbackImportConflictError);
    expect(await stateCount()).toBe(2);
  });

  it('shows the rejection in why: the record, its state, the code and the rule', async () => {
    const why = await whyReport({ eventId: EVENT_A, bureau: 'pboc-crc', databaseUrl });
    expect(why).toContain(`pboc-crc record ${recordA}: REJECTED`);
    expect(why).toContain('BLE015: RpyStatus * requires CurRpyAmt, OverdPrd, TotOverd and PridAcctBal to be 0');
  });

  it('marks the rejected record RESENT once a corrected record for the same account and report is published', async () => {
    expect(await markResent(['pboc-crc'], sentTo, repository, 'ops.li')).toBe(0); // nothing corrected yet
    topic = [...topic, sentRecord(recordAFixed, 'ACC1', 30)];
    expect(await markResent(['pboc-crc'], sentTo, repository, 'ops.li')).toBe(1);
    expect(await markResent(['pboc-crc'], sentTo, repository, 'ops.li')).toBe(0);
    expect(await repository.outstandingRejections()).toEqual([]);
    const history = (await repository.historyOf([recordA])).get(recordA)!;
    expect(history.map((h) => [h.state, h.supersededBy])).toEqual([
      ['REJECTED', null],
      ['RESENT', recordAFixed],
    ]);
    expect(await whyReport({ eventId: EVENT_A, databaseUrl })).toContain(`RESENT: superseded by the corrected record ${recordAFixed}`);

    // The corrected record is answered on its own: the next feedback for ACC1 finds it, not the rejected one.
    const next = await importFeedbackFile({ fileName: `${INSTITUTION}2024070321000011.txt`, bytes: crlf(header(1), `${INSTITUTION}ACC1|2024-06-30|`), operator: 'ops.li' }, sentTo, repository);
    expect(next.result).toMatchObject({ kind: 'imported', records: 1, rejected: 0 });
    expect((await repository.historyOf([recordAFixed])).get(recordAFixed)!.map((h) => h.state)).toEqual(['ACCEPTED']);
    expect(await repository.countsByBureauState()).toEqual([
      { bureau: 'pboc-crc', state: 'ACCEPTED', count: 2 },
      { bureau: 'pboc-crc', state: 'REJECTED', count: 1 },
      { bureau: 'pboc-crc', state: 'RESENT', count: 1 },
    ]);
  });

  it('lets only one of two files racing to answer the same record through', async () => {
    const recordC = outboundRecordId('feedback-spec-event-c', 'pboc-crc', 'PBOC_210');
    topic = [...topic, sentRecord(recordC, 'ACC4', 40)];
    const answer = (serial: string, code: string) =>
      importFeedbackFile({ fileName: `${INSTITUTION}202407042100${serial}1.txt`, bytes: crlf(header(1), `${INSTITUTION}ACC4|2024-06-30|${code}`), operator: 'ops.li' }, sentTo, repository);
    const results = await Promise.allSettled([answer('001', 'BLE019'), answer('002', '')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await repository.historyOf([recordC])).get(recordC)).toHaveLength(1);
  });

  it('keeps the feedback audit append-only', async () => {
    await expect(dataSource.query(`UPDATE bureau_record_state SET state = 'ACCEPTED'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM bureau_feedback_file`)).rejects.toThrow(/append-only/);
  });
});
