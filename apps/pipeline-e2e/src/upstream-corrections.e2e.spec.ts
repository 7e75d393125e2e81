/**
 * Issue 15 point 1 — upstream corrections and retractions (loan-event v3 `corrects`): a correction
 * of a furnished event reaches each bureau that got the original, once, in that bureau's correction
 * form (PBOC 212 by segment, Baihang opCode M); none reaches a bureau that did not get it or a
 * borrower without consent; a redelivery sends nothing twice; a retraction sends one deletion per
 * record (PBOC 213, Baihang opCode D), even after the consent was withdrawn; the audit links each
 * original record to what corrected or deleted it. Real Kafka, registry, PostgreSQL and the four services.
 */
import { createHash, randomUUID } from 'node:crypto';
import Big from 'big.js';
import { TOPICS, type LoanEvent, type OutboundRecord } from '@furnish/shared-contracts';
import { aStatement, aUsBorrower } from '@furnish/shared-contracts/testing';
import { whyReport } from '@furnish/consent-data-access-reports';
import type { CapturedRecord } from '@furnish/tools-kafka';
import { aFreshBorrower, consentFor, loanEventFor, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';
import { eventually } from './support/prometheus';
import { suiteClients } from './support/suite-clients';

const PBOC = TOPICS.outbound['pboc-crc'];
const BAIHANG = TOPICS.outbound.baihang;
const METRO2 = TOPICS.outbound.metro2;

type Ids = { borrowerId: string; accountId: string };
/** A revolving line's month-end: PBOC reports it (210), Baihang does not (X2 only for account changes). */
const monthEnd = (ids: Ids, occurredAt: string) => loanEventFor(ids, { eventType: 'STATEMENT_CLOSED', occurredAt: new Date(occurredAt), transaction: null, statement: aStatement() });
/** A revolving line's limit change: Baihang reports it (X2), PBOC does not. */
const limitChange = (ids: Ids, occurredAt: string, creditLimit = '20000.00') =>
  loanEventFor(ids, { eventType: 'CREDIT_LIMIT_CHANGED', occurredAt: new Date(occurredAt), transaction: null, account: { creditLimit: new Big(creditLimit) } });
/** A correction or retraction of `original`: a new event id, the original's type and time (docs/event-contract.md). */
const correctionOf = (original: LoanEvent, kind: 'CORRECTION' | 'RETRACTION', snapshot: LoanEvent = original): LoanEvent => ({ ...snapshot, eventId: randomUUID(), corrects: { eventId: original.eventId, kind } });

/** The test's own derivations (docs/consent.md): sha256 of the parts joined by NUL, first 32 hex characters. */
const sha = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
const expectedCorrectionId = (originalRecordId: string, correctionEventId: string, part = '') => sha(originalRecordId, correctionEventId, 'correction', part);
const expectedDeletionId = (originalRecordId: string) => sha(originalRecordId, 'deletion');

/** A Metro 2 date (D8, bureau-formats.md §1.9) of an instant's UTC day. */
const mmddyyyy = (at: Date): string => at.toISOString().slice(5, 7) + at.toISOString().slice(8, 10) + at.toISOString().slice(0, 4);

const kindOf = (r: CapturedRecord) => (r.value as OutboundRecord | null)?.recordKind;
const sourceOf = (r: CapturedRecord) => (r.value as OutboundRecord | null)?.sourceEventId;

describe('upstream corrections and retractions (issue 15 point 1)', () => {
  const { kafka, audit, db } = suiteClients();

  it('corrects and retracts at each bureau that got the original, once, and nowhere else', async () => {
    const ids = aFreshBorrower();
    const stranger = aFreshBorrower(); // no consent at all
    const capture = await kafka.capture([PBOC, BAIHANG, METRO2]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['PBOC_CRC', 'BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z'), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);

    const statement = monthEnd(ids, '2024-05-31T15:00:00Z');
    const limit = limitChange(ids, '2024-06-03T08:00:00Z', '30000.00');
    const strangerEvent = limitChange(stranger, '2024-06-03T08:00:00Z');
    await kafka.publish(TOPICS.loanEvents, ids.accountId, statement);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, limit);
    await kafka.publish(TOPICS.loanEvents, stranger.accountId, strangerEvent);
    const mine = (r: CapturedRecord) => r.sourceKey === ids.accountId;
    await capture.waitFor((r) => mine(r) && r.topic === PBOC, 1);
    await capture.waitFor((r) => mine(r) && r.topic === BAIHANG, 1);
    const [pbocOriginal] = (await capture.settled((r) => mine(r) && r.topic === PBOC, 2_000)) as CapturedRecord<OutboundRecord>[];
    const [baihangOriginal] = (await capture.settled((r) => mine(r) && r.topic === BAIHANG, 1_000)) as CapturedRecord<OutboundRecord>[];
    expect(pbocOriginal.value).toMatchObject({ recordKind: 'PBOC_210', sourceEventId: statement.eventId });
    expect(baihangOriginal.value).toMatchObject({ recordKind: 'BAIHANG_X2', sourceEventId: limit.eventId });

    // The lender corrects both: the statement as it was, the limit change to 25,000 (it sent 30,000 by mistake).
    // The limit correction is published twice (an upstream retry); the stranger corrects its own unfurnished event.
    const statementFix = correctionOf(statement, 'CORRECTION');
    const limitFix = correctionOf(limit, 'CORRECTION', limitChange(ids, '2024-06-03T08:00:00Z', '25000.00'));
    const strangerFix = correctionOf(strangerEvent, 'CORRECTION');
    const unknownFix = correctionOf(loanEventFor(ids, { eventType: 'CREDIT_LIMIT_CHANGED', transaction: null }), 'CORRECTION');
    for (const event of [statementFix, limitFix, limitFix, unknownFix]) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    await kafka.publish(TOPICS.loanEvents, stranger.accountId, strangerFix);

    const isCorrection = (r: CapturedRecord) => [statementFix.eventId, limitFix.eventId, strangerFix.eventId, unknownFix.eventId].includes(sourceOf(r) ?? '');
    await capture.waitFor((r) => isCorrection(r) && r.topic === BAIHANG, 1, 60_000);
    await capture.waitFor((r) => isCorrection(r) && r.topic === PBOC, 1, 60_000);
    await audit.waitForDecisions([strangerFix.eventId, unknownFix.eventId]);
    const corrections = (await capture.settled(isCorrection, 4_000)) as CapturedRecord<OutboundRecord>[];

    // PBOC: one 212 per segment of the 210 but the base one (bureau-formats.md §2.3, §2.4 letters), for the statement only.
    const segments: Record<string, string> = { AcctBsInfSgmt: 'C', AcctCredSgmt: 'F', AcctMthlyBlgInfSgmt: 'H', AcctDbtInfSgmt: 'J' };
    const letters = [...pbocOriginal.value.payload.matchAll(/<(AcctBsInfSgmt|AcctCredSgmt|AcctMthlyBlgInfSgmt|AcctDbtInfSgmt)>/g)].map((m) => segments[m[1]]);
    const acctCode = /<AcctCode>([^<]+)<\/AcctCode>/.exec(pbocOriginal.value.payload)![1];
    expect(letters.length).toBeGreaterThanOrEqual(2);
    const pboc212 = corrections.filter((r) => r.topic === PBOC);
    expect(pboc212.map((r) => r.value.recordKind)).toEqual(letters.map(() => 'PBOC_212'));
    expect(pboc212.map((r) => r.value.recordId).sort()).toEqual(letters.map((l) => expectedCorrectionId(pbocOriginal.value.recordId, statementFix.eventId, l)).sort());
    for (const r of pboc212) {
      expect(r.value).toMatchObject({ sourceEventId: statementFix.eventId, consentId: consent.consentId, consentVersion: 1, reportDate: pbocOriginal.value.reportDate });
      expect(r.value.payload).toMatch(new RegExp(`^<Document><InAcctMdfc><InfRecType>212</InfRecType><AcctType>R1</AcctType><ModRecCode>${acctCode}</ModRecCode><RptDate>${pbocOriginal.value.reportDate}</RptDate><MdfcSgmtCode>[CFHJ]</MdfcSgmtCode>`));
    }
    // Baihang: the X2 once (not twice for the redelivery), opCode M, its own reqID, the corrected limit.
    const baihangM = corrections.filter((r) => r.topic === BAIHANG);
    expect(baihangM).toHaveLength(1);
    const mId = expectedCorrectionId(baihangOriginal.value.recordId, limitFix.eventId);
    expect(baihangM[0].value).toMatchObject({ recordKind: 'BAIHANG_X2', recordId: mId, sourceEventId: limitFix.eventId });
    expect(JSON.parse(baihangM[0].value.payload)).toMatchObject({ reqID: mId, opCode: 'M', creditId: ids.accountId, creditLimit: '25000.00' });
    // Nothing for Metro 2 (no consent), the stranger (no consent) or a correction of an event never furnished.
    expect(corrections.filter((r) => r.topic === METRO2)).toEqual([]);
    expect(corrections.filter((r) => [strangerFix.eventId, unknownFix.eventId].includes(r.value.sourceEventId))).toEqual([]);
    const withheld = await audit.decisionsFor([strangerFix.eventId, unknownFix.eventId, statementFix.eventId]);
    expect(withheld.filter((r) => r.event_id === strangerFix.eventId).map((r) => r.reason)).toEqual(['ORIGINAL_NOT_RELEASED', 'ORIGINAL_NOT_RELEASED', 'ORIGINAL_NOT_RELEASED']);
    expect(withheld.filter((r) => r.event_id === unknownFix.eventId).map((r) => r.reason)).toEqual(['ORIGINAL_NOT_RELEASED', 'ORIGINAL_NOT_RELEASED', 'ORIGINAL_NOT_RELEASED']);
    expect(withheld.filter((r) => r.event_id === statementFix.eventId).map((r) => [r.bureau, r.decision, r.reason ?? r.consent_id]).sort()).toEqual([
      ['baihang', 'RELEASED', consent.consentId],
      ['metro2', 'WITHHELD', 'ORIGINAL_NOT_RELEASED'],
      ['pboc-crc', 'RELEASED', consent.consentId],
    ]);
    // The limit change was released to PBOC CRC and not sent (its policy leaves limit changes out): the correction is
    // released under the same consent, and not sent either; one NOT_REPORTABLE row naming the consent says both.
    const notSentAtPboc = (await audit.trailOf([limit.eventId, limitFix.eventId])).filter((r) => r.bureau === 'pboc-crc' && r.decision !== 'DUPLICATE');
    expect(notSentAtPboc.map((r) => [r.event_id, r.stage, r.decision, r.consent_id])).toEqual([
      [limit.eventId, 'consent-filter', 'NOT_REPORTABLE', consent.consentId],
      [limitFix.eventId, 'consent-filter', 'NOT_REPORTABLE', consent.consentId],
    ]);

    // The borrower withdraws the consent; then the lender retracts both events. The bureaus still hold them: deletions go.
    const withdrawal = consentFor(ids.borrowerId, { consentId: consent.consentId, version: 2, action: 'WITHDRAWN', bureaus: ['PBOC_CRC', 'BAIHANG'], effectiveAt: new Date('2024-06-20T00:00:00Z'), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, withdrawal);
    const deadline = Date.now() + 30_000;
    while (!(await db.query('SELECT 1 FROM consent_event WHERE consent_id = $1 AND version = 2', [consent.consentId])).rowCount && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const statementGone = correctionOf(statement, 'RETRACTION');
    const limitGone = correctionOf(limit, 'RETRACTION');
    for (const event of [statementGone, limitGone, statementGone]) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    const isRetraction = (r: CapturedRecord) => [statementGone.eventId, limitGone.eventId].includes(sourceOf(r) ?? '');
    await capture.waitFor(isRetraction, 2, 60_000);
    const retractions = (await capture.settled(isRetraction, 4_000)) as CapturedRecord<OutboundRecord>[];
    expect(retractions.map((r) => [r.topic, kindOf(r)]).sort()).toEqual([
      [BAIHANG, 'BAIHANG_DELETE'],
      [PBOC, 'PBOC_213'],
    ]);
    const pboc213 = retractions.find((r) => r.topic === PBOC)!;
    expect(pboc213.value.recordId).toBe(expectedDeletionId(pbocOriginal.value.recordId));
    expect(pboc213.value.payload).toBe(
      `<Document><InAcctDel><InfRecType>213</InfRecType><DelRecCode>${acctCode}</DelRecCode><DelSgmtCode>B</DelSgmtCode><DelStartDate>${pbocOriginal.value.reportDate}</DelStartDate><DelEndDate>${pbocOriginal.value.reportDate}</DelEndDate></InAcctDel></Document>`,
    );
    const baihangD = retractions.find((r) => r.topic === BAIHANG)!;
    expect(JSON.parse(baihangD.value.payload)).toMatchObject({ reqID: expectedDeletionId(baihangOriginal.value.recordId), opCode: 'D', loanId: ids.accountId });

    // The audit: each original record → what corrected or deleted it, on the correction's own rows.
    const { rows: chain } = await db.query<{ event_id: string; bureau: string; decision: string; reason: string; record_id: string; original_record_id: string }>(
      `SELECT event_id, bureau, decision, reason, record_id, original_record_id FROM consent_decision WHERE original_record_id = ANY($1) ORDER BY id`,
      [[pbocOriginal.value.recordId, baihangOriginal.value.recordId]],
    );
    const linked = [...new Map(chain.map((r) => [r.record_id, r])).values()];
    expect(linked.filter((r) => r.decision === 'CORRECTED' && r.event_id === statementFix.eventId).map((r) => r.record_id).sort()).toEqual(pboc212.map((r) => r.value.recordId).sort());
    expect(linked.filter((r) => r.decision === 'CORRECTED' && r.event_id === limitFix.eventId).map((r) => [r.original_record_id, r.record_id, r.reason])).toEqual([[baihangOriginal.value.recordId, mId, 'EVENT_CORRECTED']]);
    expect(linked.filter((r) => r.decision === 'DELETED').map((r) => [r.event_id, r.original_record_id, r.reason]).sort()).toEqual(
      [
        [statementGone.eventId, pbocOriginal.value.recordId, 'EVENT_RETRACTED'],
        [limitGone.eventId, baihangOriginal.value.recordId, 'EVENT_RETRACTED'],
      ].sort(),
    );
    const answer = await whyReport({ eventId: limitFix.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(answer).toContain(`CORRECTION SENT under consent ${consent.consentId} version 1`);
    expect(answer).toContain(`record ${baihangOriginal.value.recordId} → correction ${mId}`);
    expect(answer).not.toContain(ids.borrowerId);
    // And the original's own why names what corrected and then deleted its record.
    const originalAnswer = await whyReport({ eventId: limit.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(originalAnswer).toContain(`baihang record ${baihangOriginal.value.recordId} → CORRECTED (EVENT_CORRECTED) by event ${limitFix.eventId}: correction ${mId}`);
    expect(originalAnswer).toContain(`baihang record ${baihangOriginal.value.recordId} → DELETED (EVENT_RETRACTED) by event ${limitGone.eventId}: deletion ${expectedDeletionId(baihangOriginal.value.recordId)}`);
  });

  it('sends Metro 2 the corrected Base segment (CorrectionIndicator 1), and a retraction one DA built from the sealed original', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([PBOC, BAIHANG, METRO2]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['METRO2'], effectiveAt: new Date('2024-01-01T00:00:00Z'), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const borrower = aUsBorrower({ borrowerId: ids.borrowerId });
    const statement = loanEventFor(ids, {
      eventType: 'STATEMENT_CLOSED',
      occurredAt: new Date('2024-05-31T16:05:00Z'),
      transaction: null,
      statement: aStatement(),
      borrower,
      account: { currency: 'USD', creditLimit: new Big('5000.00') },
    });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, statement);
    const [original] = (await capture.waitFor((r) => r.sourceKey === ids.accountId && r.topic === METRO2, 1)) as CapturedRecord<OutboundRecord>[];
    expect(original.value.recordKind).toBe('METRO2_BASE');
    expect(original.value.payload.slice(19, 20)).toBe('0');

    // The formatter keeps the published Base segment sealed: not readable in PostgreSQL.
    const sealedCopy = async () =>
      (await db.query<{ sealed_record: Buffer | null; sealed_key_id: string | null }>('SELECT sealed_record, sealed_key_id FROM furnished_record WHERE record_id = $1', [original.value.recordId])).rows[0];
    const kept = await sealedCopy();
    expect(kept.sealed_key_id).toBe('local-development');
    expect(kept.sealed_record!.subarray(0, 4).toString('ascii')).toBe('FPR1');
    for (const plaintext of [`${borrower.familyName}      `, `${borrower.givenName}      `, borrower.idNumber, ids.accountId]) {
      expect(kept.sealed_record!.includes(Buffer.from(plaintext))).toBe(false);
    }

    const fix = correctionOf(statement, 'CORRECTION');
    const gone = correctionOf(statement, 'RETRACTION');
    await kafka.publish(TOPICS.loanEvents, ids.accountId, fix);
    // The retraction is published twice (an upstream retry): one DA.
    await kafka.publish(TOPICS.loanEvents, ids.accountId, gone);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, gone);
    await capture.waitFor((r) => sourceOf(r) === fix.eventId, 1, 60_000);
    await capture.waitFor((r) => sourceOf(r) === gone.eventId, 1, 60_000);
    await audit.waitForDecisions([gone.eventId]);
    const sent = (await capture.settled((r) => [fix.eventId, gone.eventId].includes(sourceOf(r) ?? ''), 4_000)) as CapturedRecord<OutboundRecord>[];
    expect(sent.map((r) => [r.topic, r.value.recordKind, r.value.sourceEventId])).toEqual([
      [METRO2, 'METRO2_BASE', fix.eventId],
      [METRO2, 'METRO2_DA', gone.eventId],
    ]);
    // bureau-formats.md: CorrectionIndicator is Base position 20, values 0 and 1; every other position as the original's.
    const [correction, da] = sent;
    expect(correction.value.recordId).toBe(expectedCorrectionId(original.value.recordId, fix.eventId));
    expect(correction.value.payload.slice(19, 20)).toBe('1');
    expect(correction.value.payload.slice(0, 19) + correction.value.payload.slice(20)).toBe(original.value.payload.slice(0, 19) + original.value.payload.slice(20));

    // The DA (bureau-formats.md §1.5, §1.8): AccountStatus 124-125 = DA, PaymentRating 126 blank, DateAccountInformation
    // 182-189 = the day it was made (MMDDYYYY, UTC); every other byte the original's.
    expect(da.value.recordId).toBe(expectedDeletionId(original.value.recordId));
    expect(da.key).toBe(original.key);
    expect(da.value.payload).toBe(original.value.payload.slice(0, 123) + 'DA' + ' ' + original.value.payload.slice(126, 181) + mmddyyyy(da.value.producedAt) + original.value.payload.slice(189));

    // The audit links original → DA, and the sealed copy is erased once the chunk committed.
    const { rows: chain } = await db.query<{ event_id: string; decision: string; reason: string; record_id: string }>(
      `SELECT event_id, decision, reason, record_id FROM consent_decision WHERE original_record_id = $1 AND decision = 'DELETED'`,
      [original.value.recordId],
    );
    expect(chain).toEqual([{ event_id: gone.eventId, decision: 'DELETED', reason: 'EVENT_RETRACTED', record_id: da.value.recordId }]);
    await eventually('the sealed copy erased after the commit', async () => ((await sealedCopy()).sealed_record === null ? true : undefined), 30_000);
    expect(await sealedCopy()).toEqual({ sealed_record: null, sealed_key_id: null });
    const answer = await whyReport({ eventId: statement.eventId, bureau: 'metro2', databaseUrl: TEST_DATABASE_URL });
    expect(answer).toContain(`metro2 record ${original.value.recordId} → DELETED (EVENT_RETRACTED) by event ${gone.eventId}: deletion ${da.value.recordId}`);
    expect(answer).not.toContain(ids.borrowerId);
  });
});
