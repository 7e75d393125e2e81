import type { Violation } from '@furnish/bureau-domain';
import { ACCOUNT_TYPES_BY_REPORT_TIME_CODE, REPORT_TIME_CODES, type PbocAccountType, type PbocReportTimeCode } from './code-tables';
import { SEGMENT_ORDER } from './layouts/pboc-210.layout';
import type { Pboc210Record, SegmentTag } from './layouts/pboc-210.model';
import { SEGMENT_PRESENCE, type PresenceClause } from './layouts/segment-presence.table';
import { accountTypeOf } from './pboc-210.field-validator';
import type { XmlElement } from './xml/xml-element';

/**
 * Segment-level checks: the (report-time code, account type) pair is allowed (§5.2 rule 5), every
 * segment is present or absent as the §2.7 matrix says, and repeating groups match their counts
 * (ABE010) without repeats (ABE011).
 */
export function validatePboc210Segments(record: Pboc210Record): Violation[] {
  const violations: Violation[] = [];
  const accountType = accountTypeOf(record);
  const code = record.AcctBsSgmt.RptDateCode as PbocReportTimeCode;
  if (!accountType || !(REPORT_TIME_CODES as readonly string[]).includes(code)) return violations;
  if (!ACCOUNT_TYPES_BY_REPORT_TIME_CODE[code].includes(accountType)) {
    violations.push({ ruleId: 'pboc.210.report-time-code-account-type', path: 'AcctBsSgmt.RptDateCode', code: 'not-allowed-for-account-type' });
  }
  for (const { tag } of SEGMENT_ORDER.slice(1)) {
    const presence = presenceOf(SEGMENT_PRESENCE[code][tag] ?? [], accountType, record);
    const present = record[tag] !== undefined;
    if (presence === 'M' && !present) violations.push({ ruleId: 'pboc.210.segment-presence', path: tag, code: 'required-segment' });
    if (presence === 'X' && present) violations.push({ ruleId: 'pboc.210.segment-presence', path: tag, code: 'forbidden-segment' });
  }
  violations.push(...repeatingGroupViolations(record));
  return violations;
}

function presenceOf(clauses: readonly PresenceClause[], accountType: PbocAccountType, record: Pboc210Record): 'M' | 'X' | 'O' {
  const basic = record.AcctBsInfSgmt;
  const matches = (clause: PresenceClause): boolean =>
    clause.types.includes(accountType) &&
    (!clause.flags || (basic?.Flag !== undefined && clause.flags.includes(basic.Flag))) &&
    (!clause.detailLines || (basic !== undefined && clause.detailLines.includes(basic.BusiDtlLines))) &&
    (!clause.detailLinesNot || (basic !== undefined && !clause.detailLinesNot.includes(basic.BusiDtlLines))) &&
    (!clause.guaranteeModes || (basic?.GuarMode !== undefined && clause.guaranteeModes.includes(basic.GuarMode)));
  return clauses.find(matches)?.presence ?? 'O';
}

/** Repeating groups of the segments Furnish does not write: count element and occurrence element. */
const REPEATING_GROUPS: readonly { readonly tag: SegmentTag; readonly count: string; readonly item: string }[] = [
  { tag: 'RltRepymtInfSgmt', count: 'RltRepymtNm', item: 'RltRepymtInf' },
  { tag: 'MotgaCltalCtrctInfSgmt', count: 'CcNm', item: 'CccInf' },
  { tag: 'AcctSpecTrstDspnSgmt', count: 'CagOfTrdNm', item: 'CagOfTrdInf' },
];

function repeatingGroupViolations(record: Pboc210Record): Violation[] {
  const violations: Violation[] = [];
  for (const group of REPEATING_GROUPS) {
    const segment = record[group.tag] as XmlElement | undefined;
    if (!segment) continue;
    const items = segment.children.filter((c) => c.name === group.item).map((c) => JSON.stringify(c));
    const declared = segment.children.find((c) => c.name === group.count)?.text;
    if (declared !== String(items.length)) violations.push({ ruleId: 'pboc.210.group-count', path: `${group.tag}.${group.count}`, code: 'count-mismatch' });
    if (new Set(items).size !== items.length) violations.push({ ruleId: 'pboc.210.group-unique', path: `${group.tag}.${group.item}`, code: 'duplicate-occurrence' });
  }
  return violations;
}
