import { assertTransition, IllegalPartitionTransitionError, LEGAL_TRANSITIONS, PARTITION_STATES, type PartitionState } from './partition-states';

describe('partition states', () => {
  it('lists a transition entry for every state, naming only known states', () => {
    for (const state of PARTITION_STATES) {
      for (const to of LEGAL_TRANSITIONS[state]) expect(PARTITION_STATES).toContain(to);
    }
  });

  it.each<[PartitionState, PartitionState]>([
    ['fencing', 'processing'], // the committed offset is read after the fence, before any record
    ['unfenced', 'processing'], // nothing is read before the previous owner is fenced
    ['committing', 'processing'], // a failed commit's outcome is unknown: fence again first
    ['halted', 'ready'], // a halted partition fences again before it reads
    ['revoked', 'ready'],
  ])('refuses %s → %s', (from, to) => {
    expect(() => assertTransition(from, to)).toThrow(IllegalPartitionTransitionError);
  });

  it('lets every state reach ready again (no state is a dead end while the partition is owned)', () => {
    for (const start of PARTITION_STATES) {
      const seen = new Set<PartitionState>([start]);
      const queue = [start];
      while (queue.length > 0) for (const next of LEGAL_TRANSITIONS[queue.shift()!]) if (!seen.has(next) && seen.add(next)) queue.push(next);
      expect(seen.has('ready')).toBe(true);
    }
  });
});
