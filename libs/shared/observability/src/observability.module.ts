import { Global, Module } from '@nestjs/common';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { HealthController } from './health.controller';
import { LivenessService, ReadinessService } from './readiness.service';

/** /metrics, /health/live and /health/ready for every service, on one Prometheus registry. */
@Global()
@Module({
  controllers: [HealthController],
  providers: [
    ReadinessService,
    LivenessService,
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
  ],
  exports: [ReadinessService, LivenessService, Registry],
})
export class ObservabilityModule {}
