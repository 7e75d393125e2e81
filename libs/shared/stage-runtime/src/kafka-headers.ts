import type { IHeaders } from 'kafkajs';
import type { RecordHeaders } from '@furnish/shared-stage-api';

type HeaderValue = IHeaders[string];

/**
 * The first value of a header as UTF-8 text; undefined when the header is absent or null. Kafka
 * allows null header values and repeated keys, and a producer may put any bytes in a header, so
 * nothing here assumes a well-formed value: callers parse the text and fall back when it is not.
 */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const value = firstValue(headers?.[name]);
  return value === undefined ? undefined : value.toString();
}

/** A header holding epoch milliseconds (HEADERS.originTime, HEADERS.decidedAt); undefined when absent or not a positive number. */
export function epochMillisHeader(text: string | undefined): number | undefined {
  const millis = Number(text);
  return text !== undefined && Number.isFinite(millis) && millis > 0 ? millis : undefined;
}

/** An input message's headers as a stage reads them, decoded only when asked. */
export class MessageHeaders implements RecordHeaders {
  constructor(private readonly headers: IHeaders | undefined) {}

  text(name: string): string | undefined {
    return headerText(this.headers, name);
  }
}

function firstValue(value: HeaderValue): Buffer | string | undefined {
  if (Array.isArray(value)) return value.find((v) => v !== null && v !== undefined);
  return value ?? undefined;
}

/**
 * An input message's headers in a form kafkajs can write again (it cannot encode a null header
 * value: its size calculation throws), with the names of the null-valued ones it had to leave out,
 * so a dead-letter copy can say which they were.
 */
export function writableHeaders(headers: IHeaders | undefined): { readonly headers: IHeaders; readonly droppedNullHeaders: readonly string[] } {
  const result: IHeaders = {};
  const dropped = new Set<string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (Array.isArray(value)) {
      const present = value.filter((v): v is Buffer | string => v !== null && v !== undefined);
      if (present.length < value.length) dropped.add(name);
      if (present.length > 0) result[name] = present as Buffer[] | string[];
    } else if (value === null || value === undefined) {
      dropped.add(name);
    } else {
      result[name] = value;
    }
  }
  return { headers: result, droppedNullHeaders: [...dropped] };
}

/** Bytes a header set takes in a record (names and values, without varint lengths). */
export function headersBytes(headers: IHeaders | undefined): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      bytes += Buffer.byteLength(name) + 6 + (v === null || v === undefined ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length);
    }
  }
  return bytes;
}
