import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { LivenessService, ReadinessService } from './readiness.service';

@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly liveness: LivenessService,
    private readonly registry: Registry,
  ) {}

  /**
   * The event loop answers and no component has failed for good (e.g. a Kafka consumer kafkajs will
   * not restart). Restart the pod when this fails.
   */
  @Get('health/live')
  async live(@Res() response: Response): Promise<void> {
    const failing = await this.liveness.failing();
    response.status(failing.length === 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: failing.length === 0 ? 'ok' : 'failed', failing });
  }

  @Get('health/ready')
  async ready(@Res() response: Response): Promise<void> {
    const failing = await this.readiness.failing();
    response.status(failing.length === 0 ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({ status: failing.length === 0 ? 'ready' : 'not-ready', failing });
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async metrics(@Res() response: Response): Promise<void> {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
