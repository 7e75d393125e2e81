import { Injectable } from '@nestjs/common';

export type ReadinessCheck = () => boolean | Promise<boolean>;

/** Components register what must hold before the pod receives traffic (or is counted ready). */
@Injectable()
export class ReadinessService {
  private readonly checks = new Map<string, ReadinessCheck>();

  register(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** Names of the checks that fail now; empty means ready. */
  async failing(): Promise<string[]> {
    const results = await Promise.all(
      [...this.checks].map(async ([name, check]) => ((await Promise.resolve(check()).catch(() => false)) ? undefined : name)),
    );
    return results.filter((name): name is string => name !== undefined);
  }
}
