import { Controller, Get, Header, HttpCode, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { ReadinessService } from './readiness.service';

@Controller()
export class HealthController {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly registry: Registry,
  ) {}

  /** The process answers: the event loop is alive. Restart the pod when this fails. */
  @Get('health/live')
  @HttpCode(HttpStatus.OK)
  live(): { status: 'ok' } {
    return { status: 'ok' };
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
