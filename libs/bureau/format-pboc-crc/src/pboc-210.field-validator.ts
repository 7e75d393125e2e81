import type { Violation } from '@furnish/bureau-domain';
import { ACCOUNT_TYPES, type PbocAccountType } from './code-tables';
import { PBOC_210_SEGMENTS, inScope } from './layouts/pboc-210.layout';
import type { ModelledSegmentTag, Pboc210Record } from './layouts/pboc-210.model';
import { dataTypeProblem } from './layouts/pboc-data-type';

export const accountTypeOf = (record: Pboc210Record): PbocAccountType | undefined =>
  (ACCOUNT_TYPES as readonly string[]).includes(record.AcctBsSgmt.AcctType) ? (record.AcctBsSgmt.AcctType as PbocAccountType) : undefined;

/**
 * Element-level checks of every present segment, driven by the tables: presence by account type
 * (§2.5: required within scope, absent outside it), data type and length, code tables (§2.6). An
 * empty element counts as absent (the sample record has one, §2.9).
 */
export function validatePboc210Fields(record: Pboc210Record): Violation[] {
  const accountType = accountTypeOf(record);
  const violations: Violation[] = [];
  for (const tag of Object.keys(PBOC_210_SEGMENTS) as ModelledSegmentTag[]) {
    const segment = record[tag] as Readonly<Record<string, string | undefined>> | undefined;
    if (segment === undefined) continue;
    for (const field of PBOC_210_SEGMENTS[tag].fields) {
      const path = `${tag}.${field.name}`;
      const value = segment[field.name];
      const present = value !== undefined && value !== '';
      if (accountType && !inScope(field.scope, accountType)) {
        if (present) violations.push({ ruleId: 'pboc.210.field-presence', path, code: 'forbidden-for-account-type' });
        continue;
      }
      if (!present) {
        if (field.presence === 'required') violations.push({ ruleId: 'pboc.210.field-presence', path, code: 'required' });
        continue;
      }
      const problem = dataTypeProblem(field.type, value, accountType);
      if (problem) violations.push({ ruleId: `pboc.210.${problem.check}`, path, code: problem.code });
    }
  }
  return violations;
}
