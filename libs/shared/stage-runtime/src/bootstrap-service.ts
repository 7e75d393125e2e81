import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { ExpressAdapter } from '@nestjs/platform-express';
import { createJsonLogger } from '@furnish/shared-observability';
import { ConfigError, loadConfig } from '@furnish/shared-util-config';
import type { z } from 'zod';
import { applyHeapGrowingPercent } from './heap-growing';
import { KafkaExactlyOnceServer } from './kafka-exactly-once.server';
import type { StageRuntimeConfig } from './stage-runtime.config';

export interface ServiceDefinition<S extends z.ZodObject> {
  readonly name: string;
  readonly configSchema: S;
  readonly module: (config: z.infer<S>) => DynamicModule;
}

/**
 * The whole of every service's main.ts: validate the environment first (exit 1 naming the bad
 * variable), set the heap's growing factor (HEAP_GROWING_PERCENT), then a hybrid Nest application — the stage as a microservice on the exactly-once
 * Kafka transport, health and metrics over HTTP on HTTP_PORT — with JSON logs and shutdown hooks,
 * so SIGTERM drains the stage (the transport's close) before the database pool closes.
 */
export async function bootstrapService<S extends z.ZodObject>(definition: ServiceDefinition<S>): Promise<void> {
  let config: z.infer<S> & Pick<StageRuntimeConfig, 'HEAP_GROWING_PERCENT' | 'HTTP_PORT' | 'LOG_LEVEL'>;
  let module: DynamicModule;
  try {
    config = loadConfig(definition.configSchema) as typeof config;
    // Module factories check what needs more than one variable (secret files, TLS settings) and throw ConfigError too.
    module = definition.module(config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.name}: ${error.message}\n`);
    process.exit(1);
  }
  applyHeapGrowingPercent(config.HEAP_GROWING_PERCENT);
  const logger = createJsonLogger(definition.name, config.LOG_LEVEL);
  let started = false;
  // Nest resolves providers with promises; a dependency cycle among async factories leaves nothing
  // to wait for, and Node would exit 0 in silence.
  process.once('beforeExit', () => {
    if (started) return;
    logger.fatal(`${definition.name} stalled during start-up: a provider never resolved (dependency cycle?)`);
    process.exit(1);
  });
  try {
    const app = await NestFactory.create(module, new ExpressAdapter(), { logger, abortOnError: false });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    // Initialised before the transport listens: Nest runs a hybrid app's init hooks at app.listen,
    // after startAllMicroservices, and the stage must not consume before its providers are set up.
    await app.init();
    app.connectMicroservice<MicroserviceOptions>({ strategy: app.get(KafkaExactlyOnceServer) });
    // Returns at once: the transport connects to Kafka in the background, with readiness reasons.
    await app.startAllMicroservices();
    await app.listen(config.HTTP_PORT);
    started = true;
    logger.log(`${definition.name} started; health and metrics on port ${config.HTTP_PORT}`);
  } catch (error) {
    // No record has been read yet, so the message cannot hold borrower data; show it whole.
    logger.fatal(`${definition.name} failed to start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  }
}
