import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import { SchemaRegistryClient, backwardIncompatibilities, frame } from '@furnish/shared-avro-serde';
import {
  BUREAUS,
  BUREAU_CODES,
  SchemaCatalog,
  TOPICS,
  consumerGroupOf,
  parseAvroSchema,
  subjectForTopic,
  type AvroFieldJson,
  type AvroSchemaObject,
  type Bureau,
  type LoanEvent,
  type OutboundRecord,
} from '@furnish/shared-contracts';
import { aStatementClosedLoanEvent, aStatement, aTransaction, anInstalmentAccount, aUsBorrower } from '@furnish/shared-contracts/testing';
import { withAddedField } from '@furnish/minimisation-domain/testing';
import { PIPELINE_REGISTRY_URL, PipelineClient, type Capture, type CapturedRecord } from '@furnish/tools-kafka';
import { aFreshBorrower, consentFor, waitUntilInLedger } from './support/scenario';
import { waitUntilCommittedPast } from './support/stage-progress';
import { readStackLogs } from './support/stack-logs';

/**
 * Schema evolution (PRODUCT.md "Minimisation": anything a future schema version adds is dropped).
 * An upstream system writes loan events with a newer loan-event version, registered for the input
 * topic's subject, that adds new consumption attributes and a new identity field. No code, schema
 * file or policy of Furnish changes: the new fields must reach no minimised or outbound record,
 * dead letter or log, and each bureau's record must equal the one made from the same event written
 * with the current version.
 */
const catalog = SchemaCatalog.load();
const v1 = catalog.latest('loan-event');
const optionalString = (name: string, classification: string, doc: string): AvroFieldJson => ({ name, type: ['null', 'string'], default: null, classification, doc });
const ADDITIONS: readonly [recordPath: string, field: AvroFieldJson][] = [
  ['', optionalString('loyaltyTier', 'consumption-detail', 'Shopping loyalty tier of the borrower; null if none.')],
  ['transaction', optionalString('basketCategory', 'consumption-detail', 'Category of the whole basket; null if unknown.')],
  ['transaction.purchasedItems[]', optionalString('brandName', 'consumption-detail', 'Brand of the item; null if unknown.')],
  ['borrower', optionalString('preferredName', 'identity', 'Name the borrower likes to be called; null if none.')],
];
const newer: AvroSchemaObject = ADDITIONS.reduce((schema, [recordPath, field]) => withAddedField(schema, recordPath, field), v1.json);
const newerType = parseAvroSchema(newer);
const FORMATTER_GROUP = consumerGroupOf('bureau-formatter');
const OUTBOUND = Object.values(TOPICS.outbound);
const MINIMISED = Object.values(TOPICS.minimised);
const DEAD_LETTERS = Object.values(TOPICS.deadLetter);

interface Borrower {
  readonly accountId: string;
  readonly bureaus: readonly Bureau[];
  /** The same event, written with the current schema (control) and with the newer one. */
  readonly current: LoanEvent;
  readonly newer: LoanEvent;
}

describe('schema evolution: loan events written with a newer schema version (real pipeline)', () => {
  const kafka = new PipelineClient();
  const registry = new SchemaRegistryClient({ url: PIPELINE_REGISTRY_URL });
  const run = randomUUID().slice(0, 8).toUpperCase();
  const canaries = { loyaltyTier: `CNRYLOYAL${run}`, basketCategory: `CNRYBASKET${run}`, brandName: `CNRYBRAND${run}`, preferredName: `CNRYPREF${run}` };
  const borrowers: Borrower[] = [];
  let capture: Capture;
  const mine = (r: CapturedRecord) => borrowers.some((b) => b.accountId === r.sourceKey);
  const eventIdOf = (r: CapturedRecord) => (r.value as { eventId: string }).eventId;

  function withNewFields(event: LoanEvent): Record<string, unknown> {
    const transaction = event.transaction!;
    return {
      ...event,
      loyaltyTier: canaries.loyaltyTier,
      borrower: { ...event.borrower, preferredName: canaries.preferredName },
      transaction: { ...transaction, basketCategory: canaries.basketCategory, purchasedItems: transaction.purchasedItems.map((item) => ({ ...item, brandName: canaries.brandName })) },
    };
  }

  beforeAll(async () => {
    expect(backwardIncompatibilities(newer, v1.json)).toEqual([]);
    expect(() => v1.type.createResolver(newerType)).not.toThrow();
    const subject = subjectForTopic(TOPICS.loanEvents);
    const schema = JSON.stringify(newer);
    const writerId = (await registry.lookup(subject, schema))?.id ?? (await registry.register(subject, schema));
    // A distinct registered version: messages framed with writerId are resolved by the services against the current one.
    expect(writerId).not.toBe((await registry.lookup(subject, v1.schema))?.id);

    capture = await kafka.capture([TOPICS.consentedLoanEvents, ...MINIMISED, ...OUTBOUND, ...DEAD_LETTERS]);
    const scenarios: { bureaus: Bureau[]; event: (accountId: string) => LoanEvent }[] = [
      {
        bureaus: ['pboc-crc', 'baihang'],
        event: (accountId) =>
          aStatementClosedLoanEvent({
            account: anInstalmentAccount({ accountId }),
            statement: aStatement({ instalmentNumber: 4, minimumDue: new Big('1066.19'), totalDue: new Big('1066.19') }),
            transaction: aTransaction(),
          }),
      },
      {
        bureaus: ['metro2'],
        event: (accountId) =>
          aStatementClosedLoanEvent({
            account: { accountId, currency: 'USD', creditLimit: new Big('5000.00'), balance: new Big('1268.40'), highestBalance: new Big('3650.00') },
            borrower: aUsBorrower(),
            transaction: aTransaction(),
          }),
      },
    ];
    for (const { bureaus, event } of scenarios) {
      const { borrowerId, accountId } = aFreshBorrower();
      const consent = consentFor(borrowerId, { bureaus: bureaus.map((b) => BUREAU_CODES[b]), effectiveAt: new Date('2024-01-01T00:00:00Z') });
      await kafka.publish(TOPICS.consentEvents, borrowerId, consent);
      await waitUntilInLedger(consent.consentId);
      const base = event(accountId);
      const current: LoanEvent = { ...base, eventId: randomUUID(), borrower: { ...base.borrower, borrowerId } };
      const newerEvent: LoanEvent = { ...current, eventId: randomUUID() };
      await kafka.publish(TOPICS.loanEvents, accountId, current);
      await kafka.publishRaw(TOPICS.loanEvents, accountId, frame(writerId, newerType.toBuffer(withNewFields(newerEvent))));
      borrowers.push({ accountId, bureaus, current, newer: newerEvent });
    }
    for (const { accountId, bureaus } of borrowers) {
      for (const bureau of bureaus) await capture.waitFor((r) => r.topic === TOPICS.minimised[bureau] && r.sourceKey === accountId, 2);
    }
  });

  afterAll(() => kafka.close());

  it('reads every event: nothing is dead-lettered before the formatter', () => {
    expect(capture.records.filter((r) => mine(r) && DEAD_LETTERS.includes(r.topic as never) && r.topic !== TOPICS.deadLetter['bureau-formatter']).map((r) => r.headers)).toEqual([]);
  });

  it.each(BUREAUS)('%s: the minimised record of the newer event equals that of the current one, and has none of the new fields', (bureau) => {
    for (const borrower of borrowers.filter((b) => b.bureaus.includes(bureau))) {
      const records = capture.records.filter((r) => r.topic === TOPICS.minimised[bureau] && r.sourceKey === borrower.accountId);
      const current = records.find((r) => eventIdOf(r) === borrower.current.eventId);
      const newerRecord = records.find((r) => eventIdOf(r) === borrower.newer.eventId);
      expect(newerRecord).toBeDefined();
      expect({ ...(newerRecord!.value as object), eventId: 'same' }).toEqual({ ...(current!.value as object), eventId: 'same' });
      expect(JSON.stringify(newerRecord!.value)).not.toMatch(/loyaltyTier|basketCategory|brandName|preferredName/);
    }
  });

  it('lets no value of a new field reach any internal, outbound or dead-letter message, or any log', async () => {
    const minimised = capture.records.filter((r) => MINIMISED.includes(r.topic as never) && mine(r));
    await waitUntilCommittedPast(kafka.kafka, FORMATTER_GROUP, minimised);
    const everything = await capture.settled(() => true, 2_000);
    const newerIds = new Set(borrowers.map((b) => b.newer.eventId));
    const published = everything.filter((r) => OUTBOUND.includes(r.topic as never) && newerIds.has((r.value as OutboundRecord).sourceEventId));
    expect([...new Set(published.map((r) => r.topic))].sort()).toEqual([...OUTBOUND].sort());

    const values = Object.values(canaries);
    const leaks = (text: string) => values.filter((canary) => text.includes(canary));
    const messages = everything.filter((r) => !DEAD_LETTERS.includes(r.topic as never) || r.topic === TOPICS.deadLetter['bureau-formatter']);
    expect(messages.flatMap((r) => leaks(`${r.key}\n${JSON.stringify(r.headers)}\n${r.raw?.toString('latin1') ?? ''}`).map((c) => `${r.topic}: ${c}`))).toEqual([]);
    expect(everything.filter((r) => DEAD_LETTERS.includes(r.topic as never)).flatMap((r) => leaks(JSON.stringify(r.headers)))).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(readStackLogs().flatMap(({ file, text }) => leaks(text).map((c) => `${file}: ${c}`))).toEqual([]);
  });
});
