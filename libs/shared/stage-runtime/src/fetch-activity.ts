/**
 * Whether the consumer's fetch loop is alive. While it runs, kafkajs starts a fetch at least every
 * `maxWaitTimeInMs` (paused partitions included) except while a fetched batch is being processed.
 * A consumer kafkajs restarted around a broker restart has been seen to stop fetching for good with
 * no error and no crash event (docs/reliability.md, broker restarts): only this silence shows it.
 */
export class FetchActivity {
  private lastActiveAt: number;
  private batchesInProcess = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.lastActiveAt = now();
  }

  fetchStarted(): void {
    this.lastActiveAt = this.now();
  }

  batchStarted(): void {
    this.batchesInProcess++;
    this.lastActiveAt = this.now();
  }

  batchEnded(): void {
    this.batchesInProcess = Math.max(0, this.batchesInProcess - 1);
    this.lastActiveAt = this.now();
  }

  /** A new membership or a crash: nothing is in process any more, and the silence starts now. */
  restarted(): void {
    this.batchesInProcess = 0;
    this.lastActiveAt = this.now();
  }

  /** How long the loop has neither fetched nor processed anything; 0 while a batch is in process. */
  silentForMs(): number {
    return this.batchesInProcess > 0 ? 0 : this.now() - this.lastActiveAt;
  }
}
