import { PassThrough } from 'node:stream';
import { TOPICS, schemaCatalog } from '@furnish/shared-contracts';
import { generateSyntheticMonth } from '../synthetic-month.generator';
import { fromJsonLine } from './json-lines.reader';
import { toJsonLine, writeJsonLines } from './json-lines.writer';
import { syntheticRecords } from './synthetic-records';

const month = generateSyntheticMonth({ borrowers: 60, seed: 'json-lines', month: '2026-10' });

describe('JSON lines', () => {
  it('writes money with two decimals, instants in ISO 8601 UTC and dates as YYYY-MM-DD', () => {
    const repayment = month.loanEvents.find((e) => e.eventType === 'REPAYMENT')!;
    const { value } = JSON.parse(toJsonLine({ topic: TOPICS.loanEvents, key: repayment.account.accountId, value: repayment }));
    expect(value.transaction.amount).toBe(repayment.transaction!.amount.toFixed(2));
    expect(value.account.amountPastDue).toMatch(/^\d+\.\d{2}$/);
    expect(value.occurredAt).toBe(repayment.occurredAt.toISOString());
    expect(value.account.openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Object.keys(value)).toEqual(['eventId', 'eventType', 'occurredAt', 'furnisher', 'account', 'borrower', 'transaction', 'statement', 'corrects']);
  });

  it('reads back into values that encode to the same Avro bytes', () => {
    const catalog = schemaCatalog();
    for (const record of syntheticRecords(month)) {
      const type = catalog.latest(record.topic === TOPICS.loanEvents ? 'loan-event' : 'consent-event').type;
      const read = fromJsonLine(toJsonLine(record));
      expect(read.key).toBe(record.key);
      expect(type.toBuffer(read.value).equals(type.toBuffer(record.value))).toBe(true);
    }
  });

  it('writes consent events first, one line each, keyed as the event contract says', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    const lines = await writeJsonLines(month, out);
    const records = text.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(records).toHaveLength(lines);
    expect(lines).toBe(month.consentEvents.length + month.loanEvents.length);
    const firstLoan = records.findIndex((r) => r.topic === TOPICS.loanEvents);
    expect(records.slice(0, firstLoan).every((r) => r.topic === TOPICS.consentEvents && r.key === r.value.borrowerId)).toBe(true);
    expect(records.slice(firstLoan).every((r) => r.topic === TOPICS.loanEvents && r.key === r.value.account.accountId)).toBe(true);
  });
});
