/**
 * Issue 15 point 2 — consent found invalid: an INVALIDATED consent event makes Furnish send each
 * bureau a deletion of every record furnished under that consent, found from the audit, once; later
 * events are withheld; the audit shows original → deletion. Real Kafka, registry, PostgreSQL and
 * the four services.
 */
import { createHash } from 'node:crypto';
import Big from 'big.js';
import { TOPICS, type OutboundRecord } from '@furnish/shared-contracts';
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
/** A revolving line's limit change: Baihang reports it (X2). */
const limitChange = (ids: Ids, occurredAt: string) => loanEventFor(ids, { eventType: 'CREDIT_LIMIT_CHANGED', occurredAt: new Date(occurredAt), transaction: null });

/** A US revolving line's month-end in dollars: Metro 2 reports it (one Base segment). */
const usMonthEnd = (ids: Ids, occurredAt: string) =>
  loanEventFor(ids, {
    eventType: 'STATEMENT_CLOSED',
    occurredAt: new Date(occurredAt),
    transaction: null,
    statement: aStatement(),
    borrower: aUsBorrower({ borrowerId: ids.borrowerId }),
    account: { currency: 'USD', creditLimit: new Big('5000.00') },
  });
/** A Metro 2 date (D8, bureau-formats.md §1.9) of an instant's UTC day. */
const mmddyyyy = (at: Date): string => at.toISOString().slice(5, 7) + at.toISOString().slice(8, 10) + at.toISOString().slice(0, 4);

/** Test's own derivation of the deletion id: sha256(original id, NUL, "deletion"), first 32 hex characters. */
const expectedDeletionId = (originalRecordId: string) => createHash('sha256').update(`${originalRecordId}\u0000deletion`).digest('hex').slice(0, 32);

describe('consent found invalid: deletions at every bureau (issue 15 point 2)', () => {
  const { kafka, audit, db } = suiteClients();

  it('deletes every record furnished under the consent exactly once, none other, and withholds later events', async () => {
    const ids = aFreshBorrower();
    const control = aFreshBorrower();
    const capture = await kafka.capture([PBOC, BAIHANG, METRO2]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['PBOC_CRC', 'BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z'), expiresAt: null });
    const controlConsent = consentFor(control.borrowerId, { bureaus: ['PBOC_CRC', 'BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z'), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await kafka.publish(TOPICS.consentEvents, control.borrowerId, controlConsent);
    await waitUntilInLedger(consent.consentId);
    await waitUntilInLedger(controlConsent.consentId);

    const furnishedEvents = [monthEnd(ids, '2024-04-30T15:00:00Z'), monthEnd(ids, '2024-05-31T15:00:00Z'), limitChange(ids, '2024-06-03T08:00:00Z')];
    const controlEvent = monthEnd(control, '2024-05-31T15:00:00Z');
    for (const event of furnishedEvents) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    await kafka.publish(TOPICS.loanEvents, control.accountId, controlEvent);
    const mine = (r: CapturedRecord) => r.sourceKey === ids.accountId;
    await capture.waitFor((r) => mine(r) && r.topic === PBOC, 2);
    await capture.waitFor((r) => mine(r) && r.topic === BAIHANG, 1);
    await capture.waitFor((r) => r.sourceKey === control.accountId && r.topic === PBOC, 1);
    // Every record furnished under the consent, whatever the formats made of the three events.
    const furnished = (await capture.settled(mine, 3_000)) as CapturedRecord<OutboundRecord>[];
    const pbocOriginals = furnished.filter((r) => r.topic === PBOC);
    const baihangOriginals = furnished.filter((r) => r.topic === BAIHANG);
    expect(pbocOriginals.length).toBeGreaterThanOrEqual(2);
    expect(baihangOriginals.map((r) => r.value.recordKind)).toEqual(['BAIHANG_X2']);

    // The lender finds the consent forged: version 2 invalidates it. Published twice (an upstream retry).
    const invalidation = consentFor(ids.borrowerId, {
      consentId: consent.consentId,
      version: 2,
      action: 'INVALIDATED',
      bureaus: ['PBOC_CRC', 'BAIHANG'],
      effectiveAt: new Date('2024-06-15T00:00:00Z'),
      expiresAt: null,
    });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, invalidation);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, invalidation);
    // A later event of the same borrower: the consent authorises nothing any more.
    const later = monthEnd(ids, '2024-06-30T15:00:00Z');
    await kafka.publish(TOPICS.loanEvents, ids.accountId, later);

    const isDeletion = (r: CapturedRecord) => r.value !== null && ['PBOC_214', 'BAIHANG_DELETE'].includes((r.value as OutboundRecord).recordKind);
    const expectedDeletions = pbocOriginals.length + baihangOriginals.length;
    await capture.waitFor((r) => mine(r) && isDeletion(r), expectedDeletions, 60_000);
    const [laterDecisions] = [await audit.waitForDecisions([later.eventId])];
    const settled = await capture.settled((r) => mine(r) || r.sourceKey === control.accountId, 4_000);

    // Exactly one deletion per furnished record per bureau, none for the control borrower, nothing for the later event.
    const deletions = settled.filter(isDeletion);
    expect(deletions).toHaveLength(expectedDeletions);
    expect(deletions.every(mine)).toBe(true);
    expect(settled.filter((r) => (r.value as OutboundRecord).sourceEventId === later.eventId)).toEqual([]);
    expect(settled.filter((r) => r.topic === METRO2)).toEqual([]);

    // PBOC 214: InfRecType 214 and DelRecCode = the AcctCode the 210 record stated (bureau-formats.md §2.3, §2.5).
    for (const original of pbocOriginals) {
      const deletion = deletions.find((d) => d.topic === PBOC && (d.value as OutboundRecord).recordId === expectedDeletionId(original.value.recordId));
      expect(deletion).toBeDefined();
      const acctCode = /<AcctCode>([^<]+)<\/AcctCode>/.exec(original.value.payload)![1];
      expect(acctCode.endsWith(ids.accountId)).toBe(true);
      expect((deletion!.value as OutboundRecord).payload).toBe(`<Document><InAcctEntDel><InfRecType>214</InfRecType><DelRecCode>${acctCode}</DelRecCode></InAcctEntDel></Document>`);
      expect(deletion!.value).toMatchObject({ bureau: 'PBOC_CRC', recordKind: 'PBOC_214', sourceEventId: original.value.sourceEventId, consentId: consent.consentId });
    }
    // Baihang: opCode D (§3.4), reqID the deletion's id (letters and digits, ≤ 40), loanId the lender's account id.
    for (const original of baihangOriginals) {
      const id = expectedDeletionId(original.value.recordId);
      const deletion = deletions.find((d) => d.topic === BAIHANG && (d.value as OutboundRecord).recordId === id);
      expect(deletion).toBeDefined();
      const json = JSON.parse((deletion!.value as OutboundRecord).payload) as Record<string, unknown>;
      expect(Object.keys(json)).toEqual(['reqID', 'opCode', 'uploadTs', 'loanId']);
      expect(json).toMatchObject({ reqID: id, opCode: 'D', loanId: ids.accountId });
      expect(json.uploadTs).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
      // The X2 record names the line by creditId, the same lender account id.
      expect(JSON.parse(original.value.payload).creditId).toBe(ids.accountId);
    }

    // The later event: withheld for both bureaus, reason INVALIDATED (not WITHDRAWN).
    const laterRows = laterDecisions.filter((r) => r.event_id === later.eventId && ['pboc-crc', 'baihang'].includes(r.bureau));
    expect(laterRows.map((r) => [r.bureau, r.decision, r.reason]).sort()).toEqual([
      ['baihang', 'WITHHELD', 'INVALIDATED'],
      ['pboc-crc', 'WITHHELD', 'INVALIDATED'],
    ]);

    // The audit chain: each published record → its deletion, once, even though the invalidation came twice.
    const { rows: chain } = await db.query<{ record_id: string; original_record_id: string; reason: string }>(
      `SELECT record_id, original_record_id, reason FROM consent_decision WHERE decision = 'DELETED' AND event_id = ANY($1) ORDER BY id`,
      [furnishedEvents.map((e) => e.eventId)],
    );
    const originals = [...pbocOriginals, ...baihangOriginals].map((o) => o.value.recordId);
    expect(chain.map((r) => r.original_record_id).sort()).toEqual([...originals].sort());
    expect(chain.every((r) => r.record_id === expectedDeletionId(r.original_record_id) && r.reason === 'CONSENT_INVALIDATED')).toBe(true);
    const { rows: controlDeleted } = await db.query(`SELECT 1 FROM consent_decision WHERE decision = 'DELETED' AND event_id = $1`, [controlEvent.eventId]);
    expect(controlDeleted).toEqual([]);

    const answer = await whyReport({ eventId: furnishedEvents[0].eventId, bureau: 'pboc-crc', databaseUrl: TEST_DATABASE_URL });
    expect(answer).toContain(`PUBLISHED under consent ${consent.consentId} version 1 → DELETED (consent invalidated`);
    expect(answer).toContain(`record ${pbocOriginals.find((o) => o.value.sourceEventId === furnishedEvents[0].eventId)!.value.recordId} → deletion `);
    expect(answer).not.toContain(ids.borrowerId);

    // A later version of the invalidation (the lender publishes it again as version 3): nothing is deleted twice.
    const again = { ...invalidation, version: 3 };
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, again);
    await waitUntilInLedger(consent.consentId, { version: 3 });
    const afterAgain = await capture.settled((r) => mine(r) && isDeletion(r), 6_000);
    expect(afterAgain).toHaveLength(expectedDeletions);
    const { rows: chainAfter } = await db.query(`SELECT 1 FROM consent_decision WHERE decision = 'DELETED' AND consent_id = $1`, [consent.consentId]);
    expect(chainAfter).toHaveLength(expectedDeletions);
  });

  it('Metro 2: one DA per furnished Base segment, built from its sealed copy, which is then erased', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([METRO2]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['METRO2'], effectiveAt: new Date('2024-01-01T00:00:00Z'), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const furnishedEvents = [usMonthEnd(ids, '2024-04-30T16:00:00Z'), usMonthEnd(ids, '2024-05-31T16:00:00Z')];
    for (const event of furnishedEvents) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
    const mine = (r: CapturedRecord) => r.sourceKey === ids.accountId;
    await capture.waitFor(mine, 2);
    const originals = (await capture.settled(mine, 2_000)) as CapturedRecord<OutboundRecord>[];
    expect(originals.map((r) => r.value.recordKind)).toEqual(['METRO2_BASE', 'METRO2_BASE']);
    const sealed = async () =>
      (await db.query<{ record_id: string; sealed: boolean }>('SELECT record_id, sealed_record IS NOT NULL AS sealed FROM furnished_record WHERE record_id = ANY($1) ORDER BY record_id', [originals.map((o) => o.value.recordId)])).rows;
    expect((await sealed()).map((r) => r.sealed)).toEqual([true, true]);

    // Found invalid; the invalidation is published twice (an upstream retry).
    const invalidation = consentFor(ids.borrowerId, { consentId: consent.consentId, version: 2, action: 'INVALIDATED', bureaus: ['METRO2'], effectiveAt: new Date('2024-06-15T00:00:00Z'), expiresAt: null });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, invalidation);
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, invalidation);
    const isDa = (r: CapturedRecord) => mine(r) && (r.value as OutboundRecord).recordKind === 'METRO2_DA';
    await capture.waitFor(isDa, 2, 60_000);
    const das = (await capture.settled(isDa, 4_000)) as CapturedRecord<OutboundRecord>[];
    expect(das).toHaveLength(2);

    // bureau-formats.md §1.5/§1.8: AccountStatus 124-125 = DA, PaymentRating 126 blank, DateAccountInformation 182-189 the day it is made.
    for (const original of originals) {
      const da = das.find((d) => d.value.recordId === expectedDeletionId(original.value.recordId));
      expect(da).toBeDefined();
      expect(da!.key).toBe(original.key);
      expect(da!.value).toMatchObject({ bureau: 'METRO2', sourceEventId: original.value.sourceEventId, consentId: consent.consentId });
      const p = original.value.payload;
      expect(da!.value.payload).toBe(p.slice(0, 123) + 'DA' + ' ' + p.slice(126, 181) + mmddyyyy(da!.value.producedAt) + p.slice(189));
    }

    // The audit chain, once per original; the sealed copies erased once the chunk committed.
    const { rows: chain } = await db.query<{ record_id: string; original_record_id: string; reason: string }>(
      `SELECT record_id, original_record_id, reason FROM consent_decision WHERE decision = 'DELETED' AND event_id = ANY($1) ORDER BY id`,
      [furnishedEvents.map((e) => e.eventId)],
    );
    expect(chain.map((r) => r.original_record_id).sort()).toEqual(originals.map((o) => o.value.recordId).sort());
    expect(chain.every((r) => r.record_id === expectedDeletionId(r.original_record_id) && r.reason === 'CONSENT_INVALIDATED')).toBe(true);
    await eventually('the sealed copies erased after the commit', async () => ((await sealed()).every((r) => !r.sealed) ? true : undefined), 30_000);
    const answer = await whyReport({ eventId: furnishedEvents[0].eventId, bureau: 'metro2', databaseUrl: TEST_DATABASE_URL });
    expect(answer).toContain(`PUBLISHED under consent ${consent.consentId} version 1 → DELETED (consent invalidated`);
    expect(answer).not.toContain(ids.borrowerId);
  });
});
