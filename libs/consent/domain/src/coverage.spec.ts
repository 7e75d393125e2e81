import type { Bureau } from '@furnish/shared-contracts';
import type { AuditEntry } from './audit-trail';
import { CoverageTally, type CoverageEvent } from './coverage';

const at = (day: number) => new Date(Date.UTC(2026, 10, day));

function entry(bureau: Bureau, stage: AuditEntry['stage'], decision: AuditEntry['decision'], reason: string | null = null): AuditEntry {
  const released = decision === 'RELEASED' || decision === 'PUBLISHED';
  return { bureau, stage, decision, reason, consentId: released ? 'c-1' : null, consentVersion: released ? 1 : null, recordId: decision === 'PUBLISHED' ? 'r-1' : null, decidedAt: at(28) };
}

const event = (eventId: string, accountRef: string | null, day: number, ...entries: AuditEntry[]): CoverageEvent => ({ eventId, accountRef, occurredAt: at(day), entries });

// A month hand-built for one bureau: account A reported once then withdrawn, B withheld then
// rejected by a bureau rule, C released and not yet published, and one event from before accounts
// were recorded.
const month = [
  event('a1', 'A', 3, entry('pboc-crc', 'consent-filter', 'RELEASED'), entry('pboc-crc', 'bureau-formatter', 'PUBLISHED')),
  event('a2', 'A', 10, entry('pboc-crc', 'consent-filter', 'WITHHELD', 'WITHDRAWN')),
  event('b2', 'B', 20, entry('pboc-crc', 'consent-filter', 'RELEASED'), entry('pboc-crc', 'bureau-formatter', 'REJECTED', 'RECORD_INVALID')),
  event('b1', 'B', 5, entry('pboc-crc', 'consent-filter', 'WITHHELD', 'NO_CONSENT')),
  event('c1', 'C', 7, entry('pboc-crc', 'consent-filter', 'RELEASED')),
  event('d1', null, 8, entry('pboc-crc', 'consent-filter', 'WITHHELD', 'NO_CONSENT')),
];

describe('CoverageTally', () => {
  it('counts accounts with activity, furnished, and the rest by the outcome of their latest event', () => {
    const tally = new CoverageTally(['pboc-crc']);
    month.forEach((e) => tally.add(e));
    expect(tally.result()).toEqual([
      {
        bureau: 'pboc-crc',
        accountsWithActivity: 3,
        accountsFurnished: 1,
        // B's latest event (20th) was rejected although its earlier one was withheld; C is in flight.
        accountsNotFurnished: { 'IN FLIGHT': 1, 'REJECTED RECORD_INVALID (bureau-formatter)': 1 },
        events: 6,
        eventsByOutcome: { 'IN FLIGHT': 1, 'REJECTED RECORD_INVALID (bureau-formatter)': 1, REPORTED: 1, 'WITHHELD NO_CONSENT': 2, 'WITHHELD WITHDRAWN': 1 },
        eventsWithoutAccount: 1,
      },
    ]);
  });

  it('gives the same counts whatever order the events are read in', () => {
    const forward = new CoverageTally(['pboc-crc']);
    const backward = new CoverageTally(['pboc-crc']);
    month.forEach((e) => forward.add(e));
    [...month].reverse().forEach((e) => backward.add(e));
    expect(backward.result()).toEqual(forward.result());
  });

  it('keeps bureaus apart: an account furnished to one bureau can be withheld from another', () => {
    const tally = new CoverageTally(['pboc-crc', 'metro2']);
    tally.add(event('x1', 'X', 2, entry('pboc-crc', 'consent-filter', 'RELEASED'), entry('pboc-crc', 'bureau-formatter', 'PUBLISHED'), entry('metro2', 'consent-filter', 'WITHHELD', 'NO_CONSENT')));
    const [pboc, metro2] = tally.result();
    expect([pboc.accountsFurnished, pboc.accountsNotFurnished]).toEqual([1, {}]);
    expect([metro2.accountsFurnished, metro2.accountsNotFurnished]).toEqual([0, { 'WITHHELD NO_CONSENT': 1 }]);
  });

  it('counts a release withdrawn before the formatter released it, and a month with no activity', () => {
    const tally = new CoverageTally(['baihang']);
    expect(tally.result()[0]).toMatchObject({ accountsWithActivity: 0, events: 0 });
    tally.add(event('y1', 'Y', 4, entry('baihang', 'consent-filter', 'RELEASED'), entry('baihang', 'bureau-formatter', 'WITHHELD_AT_RELEASE', 'WITHDRAWN')));
    expect(tally.result()[0].accountsNotFurnished).toEqual({ 'WITHDRAWN BEFORE RELEASE': 1 });
  });
});
