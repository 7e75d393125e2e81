import type { LayoutField } from './field-spec';

/**
 * Texts of exactly the field's length that a reader must reject for that field: the corruptions
 * property tests inject. Assumes the layout's charsets are ASCII-only (every bureau layout is).
 */
export function invalidFieldSamples<T>(field: LayoutField<T>): string[] {
  const fit = (text: string, fill = ' '): string => text.slice(0, field.length).padEnd(field.length, fill);
  switch (field.type) {
    case 'filler':
      return [fit('X')];
    case 'constant':
      return [(field.value[0] === 'Q' ? 'Z' : 'Q') + field.value.slice(1)];
    case 'numeric':
      return [fit('A', '0'), fit(' ', '0')];
    case 'date':
      return [field.format === 'MMDDYYYY' ? '13322024' : '20241332', '99999999'];
    case 'timestamp':
      return ['13322024000000', '01012024250000'];
    case 'alphanumeric': {
      const samples = [fit('\u00c9'), fit('\u738b')];
      if (field.presence === 'required') samples.push(fit(''));
      if (field.codes) {
        const outside = ['QQ', 'Q', '~~', '#', '99'].find((c) => c.length <= field.length && !field.codes!.includes(c));
        if (outside) samples.push(fit(outside));
      }
      return samples;
    }
  }
}

/** The text with one field's positions replaced by `sample` (which must have the field's length). */
export function replaceField<T>(text: string, field: LayoutField<T>, sample: string): string {
  if (sample.length !== field.length) throw new Error('sample must have the field length');
  return text.slice(0, field.start - 1) + sample + text.slice(field.start - 1 + field.length);
}
