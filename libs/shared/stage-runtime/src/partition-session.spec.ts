import { PartitionSession } from './partition-session';

describe('PartitionSession', () => {
  it('runs its tasks one at a time, in order, even when one fails', async () => {
    const session = new PartitionSession('t', 0);
    const log: string[] = [];
    const slow = session.exclusive(async () => {
      log.push('a:start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push('a:end');
      throw new Error('a failed');
    });
    const next = session.exclusive(async () => void log.push('b'));
    await expect(slow).rejects.toThrow('a failed');
    await next;
    expect(log).toEqual(['a:start', 'a:end', 'b']);
  });

  it('counts how long it has made no progress, until a commit', () => {
    let now = 1_000;
    const session = new PartitionSession('t', 0, () => now);
    session.transition('fencing');
    session.transition('unfenced');
    session.failed();
    now = 11_000;
    expect(session.stalledForMs()).toBe(10_000);
    session.transition('fencing');
    session.transition('ready');
    session.transition('processing');
    session.transition('committing');
    session.committed('42');
    expect(session.stalledForMs()).toBe(0);
    expect(session.position).toBe('42');
  });

  it('counts a wait for a dependency as no progress', () => {
    let now = 0;
    const session = new PartitionSession('t', 0, () => now);
    for (const state of ['fencing', 'ready', 'processing', 'waiting'] as const) session.transition(state);
    now = 5_000;
    expect(session.stalledForMs()).toBe(5_000);
  });
});

describe('PartitionSession.afterFilteredBatch (a fetched batch of only markers and aborted records)', () => {
  const at = (position: string | undefined) => Object.assign(new PartitionSession('t', 0), { position });

  it('commits past it when it covers the position', () => {
    expect(at('10').afterFilteredBatch('10', '14')).toBe('commit');
    expect(at('12').afterFilteredBatch('10', '14')).toBe('commit');
    expect(at('14').afterFilteredBatch('10', '14')).toBe('commit');
  });

  it('reads again from the position when it starts past it: the records between were never seen', () => {
    expect(at('10').afterFilteredBatch('11', '14')).toBe('read-again');
  });

  it('does nothing when it ends before the position or no position is known yet', () => {
    expect(at('15').afterFilteredBatch('10', '14')).toBe('nothing');
    expect(at(undefined).afterFilteredBatch('10', '14')).toBe('nothing');
  });
});
