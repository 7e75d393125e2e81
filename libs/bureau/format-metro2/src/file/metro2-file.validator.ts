import { uniqueViolations, type Violation } from '@furnish/bureau-domain';
import { readFixedWidth } from '@furnish/shared-util-fixed-width';
import { validateBaseSegment } from '../base-segment.validator';
import { BASE_SEGMENT_LAYOUT, type Metro2BaseSegment } from '../layouts/base-segment.layout';
import { HEADER_IDENTIFIER, HEADER_RECORD_LAYOUT } from '../layouts/header-record.layout';
import { TRAILER_IDENTIFIER, TRAILER_RECORD_LAYOUT, type Metro2TrailerCounters } from '../layouts/trailer-record.layout';
import { accountKeyOf } from './metro2-file.builder';
import { computeTrailerCounters } from './trailer.calculator';

/**
 * Every violation of a character-format Metro 2 file (§5.1 rules 1-16): one Header first, one
 * Trailer last, 426-character records, each Base record valid in the file's reporting month,
 * and a Trailer equal to the recomputation. Files with a BDW (variable-blocked) are not ours.
 */
export function validateMetro2File(content: string): Violation[] {
  const violations: Violation[] = [];
  const file = (path: string, code: string, ruleId = 'metro2.file.structure'): void => {
    violations.push({ ruleId, path, code });
  };
  if (content.length > 0 && !content.endsWith('\n')) file('(file)', 'missing-final-newline');
  const lines = content.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2) {
    file('(file)', 'missing-header-or-trailer');
    return violations;
  }
  if (lines[0].slice(8, 14) === HEADER_IDENTIFIER) file('header', 'block-descriptor-word-not-supported', 'metro2.file.block-descriptor');

  const header = readFixedWidth(HEADER_RECORD_LAYOUT, lines[0], 'header');
  const trailer = readFixedWidth(TRAILER_RECORD_LAYOUT, lines[lines.length - 1], 'trailer');
  violations.push(...header.violations, ...trailer.violations);
  const { activityDate, dateCreated } = header.record;
  if (activityDate && dateCreated && activityDate > dateCreated) file('header.activityDate', 'after-date-created', 'metro2.header.activity-not-after-created');

  // §1.4: ReporterName and ReporterAddress are required (Y); the ProgramIdentifier fields hold the IDs each
  // bureau assigns, so a file with none cannot be attributed by any bureau.
  const h = header.record;
  if (!h.reporterAddress?.trim() || /NOT CONFIGURED/.test(h.reporterAddress)) file('header.reporterAddress', 'not-configured', 'metro2.header.furnisher-identity');
  if (!h.reporterName?.trim()) file('header.reporterName', 'not-configured', 'metro2.header.furnisher-identity');
  if (![h.equifaxProgramIdentifier, h.experianProgramIdentifier, h.transUnionProgramIdentifier, h.innovisProgramIdentifier].some((id) => id?.trim())) {
    file('header.programIdentifier', 'none-configured', 'metro2.header.furnisher-identity');
  }

  const context = { reportingMonth: activityDate?.slice(0, 7), asOf: activityDate ?? undefined };
  const bases: Metro2BaseSegment[] = [];
  const seenAccounts = new Set<string>();
  lines.slice(1, -1).forEach((line, i) => {
    const path = `records[${i}]`;
    if (line.slice(4, 10) === HEADER_IDENTIFIER) return file(path, 'misplaced-header');
    if (line.slice(4, 11) === TRAILER_IDENTIFIER) return file(path, 'misplaced-trailer');
    violations.push(...validateBaseSegment(line, context, `${path}.base`));
    const base = readFixedWidth(BASE_SEGMENT_LAYOUT, line).record;
    if (seenAccounts.has(accountKeyOf(base))) file(`${path}.base.consumerAccountNumber`, 'duplicate-account', 'metro2.file.one-record-per-account');
    seenAccounts.add(accountKeyOf(base));
    bases.push(base);
  });

  const expected = computeTrailerCounters(bases);
  for (const [field, value] of Object.entries(expected) as [keyof Metro2TrailerCounters, number][]) {
    if (trailer.record[field] !== value && !trailer.invalidPaths.has(`trailer.${field}`)) file(`trailer.${field}`, 'mismatch', 'metro2.trailer.recomputed');
  }
  return uniqueViolations(violations);
}
