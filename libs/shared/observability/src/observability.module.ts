import { Global, Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { HealthController } from './health.controller';
import { LivenessService, ReadinessService } from './readiness.service';
import { registerServiceHealthMetrics } from './service-health.metrics';

const GAUGES_NAMED_AS_COUNTERS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** /metrics, /health/live and /health/ready for every service, on one Prometheus registry. */
@Global()
@Module({
  controllers: [HealthController],
  providers: [
    ReadinessService,
    LivenessService,
    {
      provide: Registry,
      inject: [ReadinessService, LivenessService],
      useFactory: (readiness: ReadinessService, liveness: LivenessService) => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        // Gauges named like counters fail `promtool check metrics`; each is the sum of the
        // per-type gauge it duplicates (sum(nodejs_active_handles) gives it back).
        for (const name of GAUGES_NAMED_AS_COUNTERS) registry.removeSingleMetric(name);
        registerServiceHealthMetrics(registry, readiness, liveness);
        return registry;
      },
    },
  ],
  exports: [ReadinessService, LivenessService, Registry],
})
export class ObservabilityModule {}
