import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { Client } from 'pg';
import {
  BUREAUS,
  BUREAU_CODES,
  SchemaCatalog,
  TOPICS,
  toLocalDate,
  consumerGroupOf,
  type Bureau,
  type LoanEvent,
  type OutboundRecord,
} from '@furnish/shared-contracts';
import { aLoanEvent, aStatement, aTransaction, anInstalmentAccount, aRevolvingAccount, aUsBorrower } from '@furnish/shared-contracts/testing';
import { MINIMISATION_POLICIES, policySends, releasedFields } from '@furnish/minimisation-domain';
import { HEADERS } from '@furnish/shared-stage-runtime';
import { PipelineClient, type Capture, type CapturedRecord } from '@furnish/tools-kafka';
import { CanaryPlanter, UNPLANTABLE_KINDS, findCanaries, type Canary, type PlantedEvent } from './support/canaries';
import { aFreshBorrower, consentFor, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';
import { waitUntilCommittedPast } from './support/stage-progress';
import { readStackLogs } from './support/stack-logs';

/**
 * Canary proof of minimisation (PRODUCT.md "Minimisation"): unique values are planted in every
 * field of the loan event that a bureau may not receive — nested records, optional unions and
 * every item of the purchased-items array included — for borrowers who consented to that bureau
 * only. The events run through the whole pipeline (consent-filter, minimiser, bureau-formatter),
 * and no canary may appear in any byte of any outbound or minimised message, in any dead-letter
 * header or bureau-formatter dead letter, or in any line of any log the stack writes.
 *
 * Which fields a bureau may receive is its policy's list (MINIMISATION_POLICIES), which the
 * build-time guard (libs/minimisation/domain policy-guard.spec.ts) proves equal to the fields of
 * the bureau's minimised schema.
 */
const catalog = SchemaCatalog.load();
const OUTBOUND = Object.values(TOPICS.outbound);
const MINIMISED = Object.values(TOPICS.minimised);
const DEAD_LETTERS = Object.values(TOPICS.deadLetter);
/** The formatter's consumer group: the stage runtime's default, `furnish.<stage>` (the stack sets no KAFKA_CONSUMER_GROUP). */
const FORMATTER_GROUP = consumerGroupOf('bureau-formatter');
const released = (bureau: Bureau): ReadonlySet<string> => new Set(releasedFields(MINIMISATION_POLICIES[bureau]).map(([path]) => path));

interface Account {
  readonly bureau: Bureau;
  readonly accountId: string;
  readonly productType: 'REVOLVING_LINE' | 'INSTALMENT_LOAN';
  readonly events: readonly PlantedEvent[];
}

/** The account's events its bureau's policy sends (MinimisationPolicy.events); the others stop at the consent filter. */
const sentEvents = (account: Account): readonly PlantedEvent[] =>
  account.events.filter(({ event }) => policySends(MINIMISATION_POLICIES[account.bureau], account.productType, event.eventType));

/**
 * The events of one account, in order, each with a transaction (so every consumption-detail,
 * device and location field is filled, three purchased items included); the month-end one also
 * carries the statement. A revolving line's limit change gives Baihang an X2 record.
 */
function eventsOf(bureau: Bureau, accountId: string, productType: 'REVOLVING_LINE' | 'INSTALMENT_LOAN'): LoanEvent[] {
  const us = bureau === 'metro2';
  // The loan-event v2 history fields carry an item each, so that the fields a bureau does not get carry canaries too.
  const history = {
    overdueInstalments: [{ dueDate: toLocalDate('2024-04-20'), principalUnpaid: new Big('10.00'), interestUnpaid: new Big('1.00') }],
    paymentHistory: [{ monthEnd: toLocalDate('2024-04-30'), standing: 'CURRENT' as const }],
  };
  const account = productType === 'REVOLVING_LINE' ? aRevolvingAccount({ accountId, ...history }) : anInstalmentAccount({ accountId, ...history });
  const usd = productType === 'REVOLVING_LINE' ? { currency: 'USD', creditLimit: new Big('5000.00'), balance: new Big('1268.40'), highestBalance: new Big('3650.00') } : { currency: 'USD' };
  const base = us ? aLoanEvent({ account: { ...account, ...usd }, borrower: aUsBorrower() }) : aLoanEvent({ account });
  const transaction = aTransaction({ purchasedItems: [...aTransaction().purchasedItems, { sku: 'SKU-3', description: 'third item', quantity: 2, unitPrice: new Big('9.90') }] });
  const statement = productType === 'INSTALMENT_LOAN' ? aStatement({ instalmentNumber: 4, minimumDue: account.instalmentAmount!, totalDue: account.instalmentAmount! }) : aStatement();
  const event = (eventType: LoanEvent['eventType'], occurredAt: string, withStatement = false): LoanEvent => ({
    ...base,
    eventId: randomUUID(),
    eventType,
    occurredAt: new Date(occurredAt),
    transaction,
    statement: withStatement ? statement : null,
  });
  return [
    ...(productType === 'REVOLVING_LINE' ? [event('CREDIT_LIMIT_CHANGED', '2024-05-02T03:00:00Z')] : []),
    event('DRAWDOWN', '2024-05-10T03:00:00Z'),
    event('REPAYMENT', '2024-05-20T03:00:00Z'),
    event('STATEMENT_CLOSED', '2024-05-31T16:05:00Z', true),
  ];
}

describe('minimisation canaries through the whole pipeline (real Kafka, registry, PostgreSQL and services)', () => {
  const kafka = new PipelineClient();
  const planter = new CanaryPlanter(catalog.latest('loan-event').json);
  const accounts: Account[] = [];
  const canaries: Canary[] = [];
  let capture: Capture;
  const mine = (r: CapturedRecord) => accounts.some((a) => a.accountId === r.sourceKey);

  beforeAll(async () => {
    capture = await kafka.capture([TOPICS.consentedLoanEvents, ...MINIMISED, ...OUTBOUND, ...DEAD_LETTERS]);
    for (const bureau of BUREAUS) {
      for (const productType of ['REVOLVING_LINE', 'INSTALMENT_LOAN'] as const) {
        const { accountId } = aFreshBorrower();
        const borrowerId = planter.text();
        const consent = consentFor(borrowerId, { bureaus: [BUREAU_CODES[bureau]], effectiveAt: new Date('2024-01-01T00:00:00Z') });
        await kafka.publish(TOPICS.consentEvents, borrowerId, consent);
        await waitUntilInLedger(consent.consentId);
        const events = eventsOf(bureau, accountId, productType).map((event) => planter.plant(event, released(bureau), { 'borrower.borrowerId': borrowerId }));
        for (const { event } of events) await kafka.publish(TOPICS.loanEvents, accountId, event);
        accounts.push({ bureau, accountId, productType, events });
        canaries.push(...events.flatMap((e) => e.canaries));
      }
    }
    for (const account of accounts) {
      const topic = TOPICS.minimised[account.bureau];
      await capture.waitFor((r) => r.topic === topic && r.sourceKey === account.accountId, sentEvents(account).length);
    }
  });

  afterAll(() => kafka.close());

  it('plants a canary in every field each bureau may not receive that can hold one, and the canaries reach the minimiser', async () => {
    for (const account of accounts) {
      const { planted, unplantable } = planter.coverage(released(account.bureau));
      expect(planted).toEqual(expect.arrayContaining(['borrower.email', 'transaction.merchantName', 'transaction.purchasedItems[].description', 'transaction.geoLocation.city', 'transaction.geoLocation.latitude', 'statement.amountBorrowedInMonth']));
      // The month-end event carries the statement, the others carry none: together they cover every path.
      const covered = new Set(account.events.flatMap((e) => e.canaries.map((c) => c.path)));
      expect(planted.filter((path) => !covered.has(path))).toEqual([]);
      // Only closed symbol sets (enums) cannot carry a canary; the minimised schemas leave them out structurally.
      expect(unplantable.every((path) => /^(eventType|account\.(productType|repaymentMethod|repaymentFrequency|guaranteeType|loanPurpose|status|paymentHistory\[\]\.standing)|borrower\.idType|statement\.paymentHistory)$/.test(path))).toBe(true);
    }
    expect(UNPLANTABLE_KINDS).not.toContain('string');
    const purchasedItemCanaries = canaries.filter((c) => c.path === 'transaction.purchasedItems[].description');
    expect(purchasedItemCanaries.length).toBe(accounts.reduce((n, a) => n + a.events.length, 0) * 3);

    // The consent-filter forwards the whole event of each kind its bureau receives (and no other): the canaries do reach the minimiser's input.
    const sentCount = accounts.reduce((n, a) => n + sentEvents(a).length, 0);
    expect(sentCount).toBeLessThan(accounts.reduce((n, a) => n + a.events.length, 0));
    const consented = await capture.waitFor((r) => r.topic === TOPICS.consentedLoanEvents && mine(r), sentCount);
    expect(consented).toHaveLength(sentCount);
    // ...and the search finds them there: every canary of a sent event with a binary form (strings, decimals, doubles) is in those bytes.
    const consentedBytes = Buffer.concat(consented.map((r) => r.raw!));
    const sentCanaries = accounts.flatMap((a) => sentEvents(a).flatMap((e) => e.canaries));
    const binary = sentCanaries.filter((c) => c.bytes.length > 0 || c.text[0].startsWith('CNRY'));
    expect(binary.length).toBeGreaterThan(sentCanaries.filter((c) => c.path === 'transaction.purchasedItems[].description').length);
    expect(binary.filter((c) => findCanaries([c], { bytes: consentedBytes }).length === 0).map((c) => c.path)).toEqual([]);
  });

  it('releases each event to its consented bureau only, and no canary reaches a minimised topic', async () => {
    const everything = await capture.settled(mine, 1_000);
    for (const account of accounts) {
      const minimised = everything.filter((r) => MINIMISED.includes(r.topic as never) && r.sourceKey === account.accountId);
      expect(sentEvents(account).length).toBeGreaterThan(0);
      expect(minimised.map((r) => r.topic)).toEqual(sentEvents(account).map(() => TOPICS.minimised[account.bureau]));
      expect(minimised.map((r) => (r.value as { eventId: string }).eventId)).toEqual(sentEvents(account).map((e) => e.event.eventId));
    }
    const leaks = everything.filter((r) => MINIMISED.includes(r.topic as never)).flatMap((r) => findCanaries(canaries, haystackOf(r)));
    expect(leaks).toEqual([]);
  });

  it('lets no canary reach any byte of any outbound message or bureau-formatter dead letter', async () => {
    // Done once the formatter has committed past every minimised record of ours: formatted, dead-lettered or (for
    // events its bureau does not report) consumed with no output, all visible to read-committed consumers.
    const minimised = capture.records.filter((r) => MINIMISED.includes(r.topic as never) && mine(r));
    await waitUntilCommittedPast(kafka.kafka, FORMATTER_GROUP, minimised);
    const everything = await capture.settled(() => true, 2_000);
    const outbound = everything.filter((r) => OUTBOUND.includes(r.topic as never));
    const formatterDeadLetters = everything.filter((r) => r.topic === TOPICS.deadLetter['bureau-formatter']);
    for (const bureau of BUREAUS) {
      const published = outbound.filter((r) => r.topic === TOPICS.outbound[bureau] && mine(r));
      const rejected = formatterDeadLetters.filter((r) => accounts.some((a) => a.bureau === bureau && a.accountId === r.sourceKey)).map((r) => r.headers[HEADERS.errorMessage]);
      if (published.length === 0) throw new Error(`no ${bureau} outbound record came of the canary events; the formatter rejected: ${rejected.join(' | ') || 'none'}`);
    }
    expect([...outbound, ...formatterDeadLetters].flatMap((r) => findCanaries(canaries, haystackOf(r)))).toEqual([]);
  });

  it('dead-letters none of the canary events before the formatter, and writes no canary into any dead-letter header', () => {
    const deadLetters = capture.records.filter((r) => DEAD_LETTERS.includes(r.topic as never));
    expect(deadLetters.filter((r) => mine(r) && r.topic !== TOPICS.deadLetter['bureau-formatter']).map((r) => r.headers)).toEqual([]);
    expect(deadLetters.flatMap((r) => findCanaries(canaries, { text: `${r.key ?? ''}\n${JSON.stringify(r.headers)}` }))).toEqual([]);
  });

  it('keeps each published Metro 2 Base segment sealed in PostgreSQL: no name, SSN or canary readable in furnished_record', async () => {
    const metro2 = capture.records.filter((r) => r.topic === TOPICS.outbound.metro2 && mine(r)) as CapturedRecord<OutboundRecord>[];
    expect(metro2.length).toBeGreaterThan(0);
    const db = new Client({ connectionString: TEST_DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query<{ record_id: string; sealed_record: Buffer | null; everything: string }>(
        `SELECT record_id, sealed_record, row_to_json(f)::text AS everything FROM furnished_record f WHERE record_id = ANY($1)`,
        [metro2.map((r) => r.value.recordId)],
      );
      expect(rows).toHaveLength(metro2.length);
      for (const row of rows) {
        const payload = metro2.find((r) => r.value.recordId === row.record_id)!.value.payload;
        expect(row.sealed_record).not.toBeNull();
        // Surname 232-256, first name 257-276 and SSN 298-306 (bureau-formats.md §1.5) as the published segment carries them.
        const identity = [payload.slice(231, 256), payload.slice(256, 276), payload.slice(297, 306)].map((field) => field.trim()).filter((field) => field !== '' && !/^0+$/.test(field));
        expect(identity.length).toBeGreaterThanOrEqual(2);
        for (const value of identity) {
          expect(row.sealed_record!.includes(Buffer.from(value))).toBe(false);
          expect(row.everything).not.toContain(value);
        }
        expect(findCanaries(canaries, { text: row.everything, bytes: row.sealed_record })).toEqual([]);
      }
    } finally {
      await db.end();
    }
  });

  it('writes no canary into any log line of any service (nor Kafka or the registry)', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const logs = readStackLogs();
    expect(logs.map((l) => l.file)).toEqual(expect.arrayContaining(['consent-filter.log', 'consent-ledger.log', 'minimiser.log', 'bureau-formatter.log']));
    expect(logs.flatMap(({ file, text }) => findCanaries(canaries, { text }).map((leak) => `${file}: ${leak}`))).toEqual([]);
  });
});

/** Everything a consumer of the message sees: key, header values and the value's bytes. */
function haystackOf(record: CapturedRecord): { text: string; bytes: Buffer | null } {
  return { text: `${record.key ?? ''}\n${Object.values(record.headers).join('\n')}\n${record.raw?.toString('utf8') ?? ''}`, bytes: record.raw };
}
