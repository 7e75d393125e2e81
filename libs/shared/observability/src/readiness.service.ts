import { Injectable } from '@nestjs/common';

/** True/false, or the reasons it fails (empty: passes). Thrown errors count as failing. */
export type HealthCheck = () => boolean | readonly string[] | Promise<boolean | readonly string[]>;

/** Named checks; `failing()` lists the ones that fail now, with their reasons. */
class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();

  register(name: string, check: HealthCheck): void {
    this.checks.set(name, check);
  }

  /** Names (and reasons) of the checks that fail now; empty means healthy. */
  async failing(): Promise<string[]> {
    const results = await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        const result = await Promise.resolve()
          .then(check)
          .catch(() => false);
        if (result === true) return [];
        if (result === false) return [name];
        return result.map((reason) => `${name}: ${reason}`);
      }),
    );
    return results.flat();
  }
}

/** What must hold before the pod counts as ready (Kubernetes readinessProbe on /health/ready). */
@Injectable()
export class ReadinessService extends HealthChecks {}

/** What must hold for the process to be worth keeping (livenessProbe on /health/live): failing means restart it. */
@Injectable()
export class LivenessService extends HealthChecks {}
