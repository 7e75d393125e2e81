/** Samples each service instance's resident memory from its /metrics, keeping the maximum per service. */
export class MemoryWatch {
  readonly maxRss = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly targets: () => readonly { readonly service: string; readonly url: string }[],
    private readonly everyMs = 2_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    await Promise.all(
      this.targets().map(async ({ service, url }) => {
        const text = await fetch(url, { signal: AbortSignal.timeout(1_500) })
          .then((r) => r.text())
          .catch(() => ''); // killed or starting: nothing to read
        const rss = Number(/^process_resident_memory_bytes (\S+)$/m.exec(text)?.[1]);
        if (Number.isFinite(rss) && rss > (this.maxRss.get(service) ?? 0)) this.maxRss.set(service, rss);
      }),
    );
  }
}
