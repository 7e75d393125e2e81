import { getHeapStatistics } from 'node:v8';
import { Gauge, type Registry } from 'prom-client';
import type { LivenessService, ReadinessService } from './readiness.service';
import { METRICS } from './metric-names';

/**
 * Readiness, liveness and the V8 heap limit as metrics, computed at scrape time, so Prometheus can
 * alert on a service that is up but not ready, and on a heap near the size at which V8 aborts.
 */
export function registerServiceHealthMetrics(registry: Registry, readiness: ReadinessService, liveness: LivenessService): void {
  const registers = [registry];
  new Gauge({
    name: METRICS.ready,
    help: '1 when /health/ready passes, 0 when it fails.',
    registers,
    async collect() {
      this.set((await readiness.failing()).length === 0 ? 1 : 0);
    },
  });
  new Gauge({
    name: METRICS.live,
    help: '1 when /health/live passes, 0 when it fails (the pod should be restarted).',
    registers,
    async collect() {
      this.set((await liveness.failing()).length === 0 ? 1 : 0);
    },
  });
  new Gauge({
    name: METRICS.heapLimit,
    help: 'The V8 heap size limit (--max-old-space-size and young generation): the process aborts when the heap reaches it.',
    registers,
    collect() {
      this.set(getHeapStatistics().heap_size_limit);
    },
  });
}
