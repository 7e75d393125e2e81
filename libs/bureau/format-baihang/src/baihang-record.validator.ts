import { runRules, type Violation } from '@furnish/bureau-domain';
import { BAIHANG_RECORD_SPECS, type BaihangRecordByKind, type BaihangRecordKind, type BaihangRecordSpec } from './baihang-record.specs';
import { keyOf } from './layouts/json-layout';
import { readJsonRecord, validateJsonFields } from './layouts/json-record';

/** `BAIHANG_D2` → `d2`: the default path prefix of a record's violations. */
export const defaultPathOf = (kind: BaihangRecordKind): string => kind.slice('BAIHANG_'.length).toLowerCase();

/** Every violation of a Baihang record model of this kind: key checks, then the kind's rules. */
export function validateBaihangModel<K extends BaihangRecordKind>(kind: K, record: BaihangRecordByKind[K], pathPrefix = defaultPathOf(kind)): Violation[] {
  const spec = BAIHANG_RECORD_SPECS[kind] as BaihangRecordSpec<BaihangRecordByKind[K]>;
  const fieldViolations = validateJsonFields(spec.layout, record, pathPrefix);
  return [...fieldViolations, ...rulesOf(spec, record, pathPrefix, new Set(fieldViolations.map((v) => v.path)))];
}

/** Every violation of one Baihang JSON line of this kind: JSON, closed set of keys, formats, rules. */
export function validateBaihangRecord(kind: BaihangRecordKind, line: string, pathPrefix = defaultPathOf(kind)): Violation[] {
  const spec = BAIHANG_RECORD_SPECS[kind] as BaihangRecordSpec<BaihangRecordByKind[BaihangRecordKind]>;
  const { record, violations, invalidPaths } = readJsonRecord(spec.layout, line, pathPrefix);
  return record ? [...violations, ...rulesOf(spec, record, pathPrefix, invalidPaths)] : [...violations];
}

function rulesOf<T>(spec: BaihangRecordSpec<T>, record: T, pathPrefix: string, skipPaths: ReadonlySet<string>): Violation[] {
  const keys = new Map(spec.layout.fields.map((f) => [f.name as string, keyOf(f)]));
  return runRules(spec.rules, record, undefined, { pathOf: (field) => `${pathPrefix}.${keys.get(field) ?? field}`, skipPaths });
}
