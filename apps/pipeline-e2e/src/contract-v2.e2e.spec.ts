import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { SchemaRegistryClient, frame } from '@furnish/shared-avro-serde';
import {
  BUREAU_CODES,
  SchemaCatalog,
  TOPICS,
  subjectForTopic,
  toLocalDate,
  type Bureau,
  type ConsentedLoanEvent,
  type LoanEvent,
  type MonthEndStanding,
  type OutboundRecord,
  type OverdueInstalment,
} from '@furnish/shared-contracts';
import { LINE_CLOSED_WITHOUT_STATEMENT, SIX_INSTALMENTS_BEHIND, aStatement, aStatementClosedLoanEvent, anInstalmentAccount, aUsBorrower } from '@furnish/shared-contracts/testing';
import { PIPELINE_REGISTRY_URL, PipelineClient, type Capture, type CapturedRecord } from '@furnish/tools-kafka';
import { aFreshBorrower, consentFor, waitUntilInLedger } from './support/scenario';

/**
 * Event contract v2 through the real stack (issue 14): a lender still writing loan-event v1 and one
 * writing v2 side by side on lending.loan-events.v1. The v1 schema is registered by the
 * provisioner (every released version, BACKWARD-checked). A v2 event arrives in the current schema
 * and the filter copies its bytes into the consented event; a v1 event is resolved and encoded anew.
 * Expected bureau values: hand-derived in libs/bureau/format-pboc-crc/src/independent/
 * pboc-210-overdue-buckets.hand-derived.spec.ts and libs/bureau/format-metro2/src/independent/
 * metro2-closing-history.hand-derived.spec.ts (same accounts).
 */
const catalog = SchemaCatalog.load();
const loanEventV1 = catalog.version('loan-event', 1);

const UNPAID = SIX_INSTALMENTS_BEHIND.unpaid;
const HISTORY = LINE_CLOSED_WITHOUT_STATEMENT.history;

/** The June 2024 statement of a cash loan six instalments behind (PBOC D1, code 30). */
const pbocStatement = (ids: { borrowerId: string; accountId: string }, overdueInstalments: OverdueInstalment[] | null): LoanEvent =>
  aStatementClosedLoanEvent({
    eventId: randomUUID(),
    occurredAt: SIX_INSTALMENTS_BEHIND.occurredAt,
    account: anInstalmentAccount({ ...SIX_INSTALMENTS_BEHIND.account, accountId: ids.accountId, dateOfFirstDelinquency: toLocalDate('2024-01-19'), overdueInstalments }),
    statement: aStatement(SIX_INSTALMENTS_BEHIND.statement),
    borrower: { borrowerId: ids.borrowerId },
  });

/** A US line of credit closed on 2024-06-12, a month without a statement (Metro 2 status 13). */
const metro2Closure = (ids: { borrowerId: string; accountId: string }, paymentHistory: MonthEndStanding[] | null): LoanEvent =>
  aStatementClosedLoanEvent({
    eventId: randomUUID(),
    eventType: 'ACCOUNT_CLOSED',
    occurredAt: LINE_CLOSED_WITHOUT_STATEMENT.occurredAt,
    statement: null,
    account: {
      ...LINE_CLOSED_WITHOUT_STATEMENT.account,
      accountId: ids.accountId,
      currency: 'USD',
      creditLimit: new Big('5000.00'),
      highestBalance: new Big('3650.00'),
      paymentHistory,
    },
    borrower: aUsBorrower({ borrowerId: ids.borrowerId }),
  });

interface Sent {
  readonly name: string;
  readonly bureau: Bureau;
  readonly writtenAs: 1 | 2;
  readonly event: LoanEvent;
}

/** The H segment elements of a 210 record (flat `<Tag>value</Tag>`, §2.9 sample). */
const monthlySegment = (payload: string): Record<string, string> =>
  Object.fromEntries([.../<AcctMthlyBlgInfSgmt>(.*?)<\/AcctMthlyBlgInfSgmt>/.exec(payload)![1].matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map(([, tag, value]) => [tag, value]));

describe('event contract v2: loan-event v1 and v2 producers side by side (real pipeline)', () => {
  const kafka = new PipelineClient();
  const registry = new SchemaRegistryClient({ url: PIPELINE_REGISTRY_URL });
  const sent: Sent[] = [];
  let capture: Capture;
  let v1Id: number | undefined;
  let v2Id: number | undefined;
  const outboundOf = (s: Sent): OutboundRecord | undefined =>
    capture.records.find((r) => r.topic === TOPICS.outbound[s.bureau] && (r.value as OutboundRecord).sourceEventId === s.event.eventId)?.value as OutboundRecord | undefined;
  const consentedOf = (s: Sent): ConsentedLoanEvent =>
    capture.records.find((r: CapturedRecord) => r.topic === TOPICS.consentedLoanEvents && (r.value as ConsentedLoanEvent).loanEvent.eventId === s.event.eventId)!.value as ConsentedLoanEvent;
  const byName = (name: string): Sent => sent.find((s) => s.name === name)!;

  beforeAll(async () => {
    const subject = subjectForTopic(TOPICS.loanEvents);
    v1Id = (await registry.lookup(subject, loanEventV1.schema))?.id;
    v2Id = (await registry.lookup(subject, catalog.latest('loan-event').schema))?.id;
    capture = await kafka.capture([TOPICS.consentedLoanEvents, ...Object.values(TOPICS.outbound), ...Object.values(TOPICS.deadLetter)]);

    const scenarios: { name: string; bureau: Bureau; writtenAs: 1 | 2; event: (ids: { borrowerId: string; accountId: string }) => LoanEvent }[] = [
      { name: 'pboc v2', bureau: 'pboc-crc', writtenAs: 2, event: (ids) => pbocStatement(ids, UNPAID) },
      { name: 'pboc v1', bureau: 'pboc-crc', writtenAs: 1, event: (ids) => pbocStatement(ids, null) },
      { name: 'metro2 v2', bureau: 'metro2', writtenAs: 2, event: (ids) => metro2Closure(ids, HISTORY) },
      { name: 'metro2 v1', bureau: 'metro2', writtenAs: 1, event: (ids) => metro2Closure(ids, null) },
    ];
    for (const scenario of scenarios) {
      const ids = aFreshBorrower();
      const consent = consentFor(ids.borrowerId, { bureaus: [BUREAU_CODES[scenario.bureau]], effectiveAt: new Date('2023-01-01T00:00:00Z') });
      await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
      await waitUntilInLedger(consent.consentId);
      const event = scenario.event(ids);
      if (scenario.writtenAs === 2) await kafka.publish(TOPICS.loanEvents, ids.accountId, event);
      else await kafka.publishRaw(TOPICS.loanEvents, ids.accountId, frame(v1Id!, loanEventV1.type.toBuffer(event)));
      sent.push({ name: scenario.name, bureau: scenario.bureau, writtenAs: scenario.writtenAs, event });
    }
    for (const s of sent) await capture.waitFor((r) => r.topic === TOPICS.outbound[s.bureau] && (r.value as OutboundRecord).sourceEventId === s.event.eventId, 1);
  });

  afterAll(() => kafka.close());

  it('has both versions registered for lending.loan-events.v1-value (the provisioner registers every released version)', () => {
    expect(v1Id).toBeDefined();
    expect(v2Id).toBeDefined();
    expect(v1Id).not.toBe(v2Id);
  });

  it('dead-letters none of the events', () => {
    const ids = new Set(sent.map((s) => s.event.account.accountId));
    expect(capture.records.filter((r) => Object.values(TOPICS.deadLetter).includes(r.topic as never) && ids.has(r.key ?? '')).map((r) => r.headers)).toEqual([]);
  });

  it('copies a v2 event into its consented event as the bytes it arrived in (the filter splices it)', () => {
    const s = byName('pboc v2');
    const consented = capture.records.find((r) => r.topic === TOPICS.consentedLoanEvents && (r.value as ConsentedLoanEvent).loanEvent.eventId === s.event.eventId)!;
    expect(consented.raw!.includes(catalog.latest('loan-event').type.toBuffer(s.event))).toBe(true);
  });

  it('carries the v2 fields into the consented event; a v1 event has them null', () => {
    expect(consentedOf(byName('pboc v2')).loanEvent.account.overdueInstalments).toEqual(UNPAID);
    expect(consentedOf(byName('metro2 v2')).loanEvent.account.paymentHistory).toEqual(HISTORY);
    for (const name of ['pboc v1', 'metro2 v1']) {
      expect(consentedOf(byName(name)).loanEvent.account).toMatchObject({ overdueInstalments: null, paymentHistory: null });
    }
  });

  it('PBOC: a v2 event gets each unpaid principal in the bucket of its age; a v1 event the documented estimate', () => {
    expect(monthlySegment(outboundOf(byName('pboc v2'))!.payload)).toMatchObject({ OverdPrinc: '5251', OvedPrinc180: '850', Oved91_180Princ: '2611', Oved61_90Princ: '890', Oved31_60Princ: '900' });
    expect(monthlySegment(outboundOf(byName('pboc v1'))!.payload)).toMatchObject({ OverdPrinc: '5251', OvedPrinc180: '876', Oved91_180Princ: '2625', Oved61_90Princ: '875', Oved31_60Princ: '875' });
  });

  it('Metro 2: a v2 closure without a statement reports the account’s history; a v1 closure 24 × B', () => {
    // PaymentHistoryProfile is Base positions 127-150 (bureau-formats.md §1.5).
    expect(outboundOf(byName('metro2 v2'))!.payload.slice(126, 150)).toBe('010D0E' + 'B'.repeat(18));
    expect(outboundOf(byName('metro2 v1'))!.payload.slice(126, 150)).toBe('B'.repeat(24));
  });
});
