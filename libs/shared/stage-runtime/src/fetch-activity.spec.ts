import { FetchActivity } from './fetch-activity';

describe('FetchActivity', () => {
  let now = 0;
  const clock = () => now;

  it('is silent for the time since the last fetch started', () => {
    now = 1_000;
    const activity = new FetchActivity(clock);
    now = 4_000;
    expect(activity.silentForMs()).toBe(3_000);
    activity.fetchStarted();
    now = 4_250;
    expect(activity.silentForMs()).toBe(250);
  });

  it('is never silent while a batch is in process, however long it takes (a chunk waiting for the database)', () => {
    now = 0;
    const activity = new FetchActivity(clock);
    activity.batchStarted();
    now = 600_000;
    expect(activity.silentForMs()).toBe(0);
    activity.batchEnded();
    now = 600_100;
    expect(activity.silentForMs()).toBe(100);
  });

  it('forgets batches a crash or a new membership left unfinished', () => {
    now = 0;
    const activity = new FetchActivity(clock);
    activity.batchStarted();
    activity.batchStarted();
    now = 10_000;
    activity.restarted();
    now = 70_000;
    expect(activity.silentForMs()).toBe(60_000);
  });
});
