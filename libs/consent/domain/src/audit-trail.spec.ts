import type { AuditEntry } from './audit-trail';
import { finalOutcome, isFilterDecision, rejectionReason } from './audit-trail';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
const row = (over: Partial<AuditEntry>): AuditEntry => ({
  bureau: 'pboc-crc',
  stage: 'consent-filter',
  decision: 'RELEASED',
  reason: null,
  consentId: 'c1',
  consentVersion: 1,
  recordId: null,
  decidedAt: at(0),
  ...over,
});
const released = row({});
const duplicate = row({ decision: 'DUPLICATE', consentId: null, consentVersion: null, decidedAt: at(9) });
const published = row({ stage: 'bureau-formatter', decision: 'PUBLISHED', recordId: 'r-1', decidedAt: at(2) });

describe('finalOutcome', () => {
  it('says a correction was sent, each original record → its correction (loan-event v3)', () => {
    const corrected = (original: string, id: string) => row({ stage: 'bureau-formatter', decision: 'CORRECTED', reason: 'EVENT_CORRECTED', recordId: id, originalRecordId: original, decidedAt: at(3) });
    const trail = finalOutcome('pboc-crc', [released, corrected('r-1', 'k-C'), corrected('r-1', 'k-H'), corrected('r-1', 'k-H')]);
    expect(trail.outcome).toEqual({
      kind: 'CORRECTION_SENT',
      decision: 'CORRECTED',
      reason: 'EVENT_CORRECTED',
      sent: [
        { originalRecordId: 'r-1', recordId: 'k-C' },
        { originalRecordId: 'r-1', recordId: 'k-H' },
      ],
      consentId: 'c1',
      consentVersion: 1,
    });
  });

  it('says a retraction was sent, and why a correction sent nothing', () => {
    const deleted = row({ stage: 'bureau-formatter', decision: 'DELETED', reason: 'EVENT_RETRACTED', recordId: 'd-1', originalRecordId: 'r-1', decidedAt: at(3) });
    expect(finalOutcome('pboc-crc', [released, deleted]).outcome).toMatchObject({ kind: 'CORRECTION_SENT', decision: 'DELETED', reason: 'EVENT_RETRACTED', sent: [{ originalRecordId: 'r-1', recordId: 'd-1' }] });
    const nothing = row({ stage: 'bureau-formatter', decision: 'NOT_REPORTABLE', reason: 'ORIGINAL_NOT_FURNISHED', consentId: null, consentVersion: null });
    expect(finalOutcome('pboc-crc', [released, nothing]).outcome).toEqual({ kind: 'NOT_REPORTABLE', stage: 'bureau-formatter', reason: 'ORIGINAL_NOT_FURNISHED', consentId: 'c1', consentVersion: 1 });
  });

  it("takes a release its bureau's policy does not send, one NOT_REPORTABLE row naming the consent, as the filter's decision", () => {
    const notSent = row({ decision: 'NOT_REPORTABLE', consentId: 'c7', consentVersion: 3 });
    const trail = finalOutcome('pboc-crc', [notSent]);
    expect(trail.decision).toBe(notSent);
    expect(trail.outcome).toEqual({ kind: 'NOT_REPORTABLE', stage: 'consent-filter', consentId: 'c7', consentVersion: 3 });
    // A later delivery stays a duplicate and changes nothing.
    expect(finalOutcome('pboc-crc', [notSent, duplicate]).outcome).toEqual(trail.outcome);
  });

  it('reads the two-row shape of older trails (RELEASED, then a NOT_REPORTABLE row without a consent) the same way', () => {
    const oldNotSent = row({ decision: 'NOT_REPORTABLE', consentId: null, consentVersion: null });
    const trail = finalOutcome('pboc-crc', [released, oldNotSent]);
    expect(trail.decision).toBe(released);
    expect(trail.outcome).toEqual({ kind: 'NOT_REPORTABLE', stage: 'consent-filter', consentId: 'c1', consentVersion: 1 });
  });

  it("counts as the filter's decision only its RELEASED, WITHHELD and consent-naming NOT_REPORTABLE rows", () => {
    expect(isFilterDecision(released)).toBe(true);
    expect(isFilterDecision(row({ decision: 'WITHHELD', reason: 'NO_CONSENT', consentId: null, consentVersion: null }))).toBe(true);
    expect(isFilterDecision(row({ decision: 'NOT_REPORTABLE', consentId: 'c1' }))).toBe(true);
    expect(isFilterDecision(row({ decision: 'NOT_REPORTABLE', consentId: null }))).toBe(false);
    expect(isFilterDecision(row({ stage: 'minimiser', decision: 'NOT_REPORTABLE', consentId: 'c1' }))).toBe(false);
    expect(isFilterDecision(duplicate)).toBe(false);
    expect(isFilterDecision(published)).toBe(false);
  });

  it('reports a release the formatter published, with its record id, whatever duplicates came later', () => {
    const trail = finalOutcome('pboc-crc', [released, published, duplicate, row({ ...duplicate, decidedAt: at(10) })]);
    expect(trail.outcome).toEqual({ kind: 'REPORTED', recordIds: ['r-1'], consentId: 'c1', consentVersion: 1 });
    expect(trail.duplicates).toHaveLength(2);
    expect(trail.decision).toBe(released);
  });

  it('says withdrawn before release when the release-time re-check withheld it', () => {
    const withheld = row({ stage: 'bureau-formatter', decision: 'WITHHELD_AT_RELEASE', reason: 'WITHDRAWN_BEFORE_RELEASE', decidedAt: at(3) });
    expect(finalOutcome('pboc-crc', [released, withheld]).outcome).toEqual({ kind: 'WITHDRAWN_BEFORE_RELEASE', consentId: 'c1', consentVersion: 1 });
  });

  it('says withdrawn before release when the submission tool left a published record out of its file', () => {
    const leftOut = row({ stage: 'submission', decision: 'WITHHELD_AT_RELEASE', reason: 'WITHDRAWN_BEFORE_RELEASE', decidedAt: at(5) });
    expect(finalOutcome('pboc-crc', [released, published, leftOut]).outcome).toEqual({ kind: 'WITHDRAWN_BEFORE_RELEASE', consentId: 'c1', consentVersion: 1 });
  });

  it('names the stage and error code of a release dead-lettered downstream', () => {
    const rejected = row({ stage: 'bureau-formatter', decision: 'REJECTED', reason: 'BUREAU_RULE_VIOLATION', consentId: null, consentVersion: null });
    expect(finalOutcome('pboc-crc', [released, rejected]).outcome).toEqual({ kind: 'REJECTED_DOWNSTREAM', stage: 'bureau-formatter', code: 'BUREAU_RULE_VIOLATION', rules: [] });
  });

  it('names the rules a downstream rejection broke, written by rejectionReason', () => {
    const reason = rejectionReason('EVENT_INVALID', ['baihang.borrower.idNumber.malformed', 'baihang.account.openDate.missing']);
    expect(reason).toBe('EVENT_INVALID baihang.borrower.idNumber.malformed,baihang.account.openDate.missing');
    const rejected = row({ stage: 'minimiser', decision: 'REJECTED', reason, consentId: null, consentVersion: null });
    expect(finalOutcome('pboc-crc', [released, rejected]).outcome).toEqual({
      kind: 'REJECTED_DOWNSTREAM',
      stage: 'minimiser',
      code: 'EVENT_INVALID',
      rules: ['baihang.borrower.idNumber.malformed', 'baihang.account.openDate.missing'],
    });
  });

  it('keeps the filter decision when nothing happened after it, and ignores other bureaus', () => {
    const withheld = row({ bureau: 'metro2', decision: 'WITHHELD', reason: 'NO_CONSENT', consentId: null, consentVersion: null });
    expect(finalOutcome('pboc-crc', [released, withheld]).outcome).toEqual({ kind: 'IN_FLIGHT', consentId: 'c1', consentVersion: 1 });
    expect(finalOutcome('metro2', [released, withheld, published]).outcome).toEqual({ kind: 'WITHHELD', reason: 'NO_CONSENT' });
  });

  it('reports suppressed duplicates alone when the first decision predates the trail', () => {
    expect(finalOutcome('pboc-crc', [duplicate]).outcome).toEqual({ kind: 'DUPLICATE_ONLY' });
  });
});
