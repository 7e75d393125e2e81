import { Global, Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { HealthController } from './health.controller';
import { LivenessService, ReadinessService } from './readiness.service';
import { registerServiceHealthMetrics } from './service-health.metrics';

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
        registerServiceHealthMetrics(registry, readiness, liveness);
        return registry;
      },
    },
  ],
  exports: [ReadinessService, LivenessService, Registry],
})
export class ObservabilityModule {}
