import { once } from 'node:events';
import type { Writable } from 'node:stream';
import Big from 'big.js';
import type { SyntheticMonth } from '../synthetic-month.generator';
import { syntheticRecords, type SyntheticRecord } from './synthetic-records';

/**
 * A record as one line of plain JSON (not Avro's JSON encoding): `{"topic","key","value"}`, money
 * as a decimal string with two decimals ("1268.40"), instants as ISO 8601 UTC strings, dates as
 * "YYYY-MM-DD", nulls as null, unions unwrapped. Field order follows the schema.
 */
export function toJsonLine(record: SyntheticRecord): string {
  return JSON.stringify(record, function (this: Record<string, unknown>, key: string, value: unknown) {
    const raw = this[key];
    return raw instanceof Big ? raw.toFixed(2) : value;
  });
}

/** Writes every record of the month as JSON lines (consent events first), honouring back-pressure. */
export async function writeJsonLines(month: Pick<SyntheticMonth, 'consentEvents' | 'loanEvents'>, out: Writable): Promise<number> {
  let lines = 0;
  let chunk = '';
  for (const record of syntheticRecords(month)) {
    chunk += `${toJsonLine(record)}\n`;
    lines++;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain');
  return lines;
}
