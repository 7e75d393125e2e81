import { encodeDate, encodeTimestamp, isRealIsoDate, isRealIsoTimestamp } from './fixed-width.codecs';
import { fieldLabel, type LayoutField } from './field-spec';
import { FixedWidthWriteError } from './errors';
import type { FixedWidthLayout } from './fixed-width.layout';

/**
 * Writes a record by its layout. Assumes the record passed validateFixedWidth: a value that does
 * not fit its field throws instead of being silently truncated (moov's `%0N.Nv` habit).
 */
export function writeFixedWidth<T>(layout: FixedWidthLayout<T>, record: T): string {
  const text = layout.fields.map((field) => writeField(layout, field, record)).join('');
  if (text.length !== layout.length) throw new FixedWidthWriteError(layout.id, '(record)', `wrote ${text.length} characters`);
  return text;
}

function writeField<T>(layout: FixedWidthLayout<T>, field: LayoutField<T>, record: T): string {
  const fail = (reason: string): never => {
    throw new FixedWidthWriteError(layout.id, fieldLabel(field), reason);
  };
  if (field.type === 'filler') return ' '.repeat(field.length);
  const value: unknown = record[field.name as keyof T];
  switch (field.type) {
    case 'alphanumeric':
    case 'constant': {
      if (typeof value !== 'string') return fail('not a string');
      if (value.length > field.length) return fail('too long');
      return value.padEnd(field.length, ' ');
    }
    case 'numeric': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return fail('not a non-negative integer');
      const digits = String(value);
      if (digits.length > field.length) return fail('too many digits');
      return digits.padStart(field.length, '0');
    }
    case 'date':
      if (value === null) return '0'.repeat(field.length);
      if (typeof value !== 'string' || !isRealIsoDate(value)) return fail('not a YYYY-MM-DD date');
      return encodeDate(value, field.format);
    case 'timestamp':
      if (value === null) return '0'.repeat(field.length);
      if (typeof value !== 'string' || !isRealIsoTimestamp(value)) return fail('not a YYYY-MM-DDTHH:mm:ss timestamp');
      return encodeTimestamp(value);
  }
}
