import { PartitionSession } from './partition-session';
import { timeLagSeconds } from './time-lag';

const T0 = Date.UTC(2026, 11, 6, 10, 0, 0);

describe('timeLagSeconds', () => {
  it('is 0 when nothing is pending, whatever was fetched before', () => {
    const session = new PartitionSession('t', 0);
    session.oldestPendingTimestamp = T0 - 60_000;
    expect(timeLagSeconds(session, 10n, 0, T0)).toBe(0);
  });

  it('is now minus the broker time of the oldest fetched, uncommitted record, and grows while it stays', () => {
    const session = new PartitionSession('t', 0);
    session.oldestPendingTimestamp = T0 - 4_000;
    expect(timeLagSeconds(session, 10n, 3, T0)).toBe(4);
    expect(timeLagSeconds(session, 10n, 5, T0 + 30_000)).toBe(34);
  });

  it('before the oldest pending record is fetched, counts from the first sample that saw the offset stuck', () => {
    const session = new PartitionSession('t', 0);
    expect(timeLagSeconds(session, 10n, 2, T0)).toBe(0);
    expect(timeLagSeconds(session, 10n, 2, T0 + 15_000)).toBe(15);
    // The committed offset moved: the partition progresses, so the count starts again.
    expect(timeLagSeconds(session, 12n, 2, T0 + 20_000)).toBe(0);
    expect(timeLagSeconds(session, 12n, 2, T0 + 25_000)).toBe(5);
  });
});
