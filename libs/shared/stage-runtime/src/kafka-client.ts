import type { LoggerService } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { KafkaSecurity } from '@furnish/shared-connection-security';

/**
 * A kafkajs client whose own logs go to the service logger. kafkajs log entries carry broker,
 * topic and protocol details only; we keep its warnings and errors. `security` holds the TLS and
 * SASL options (KAFKA_SSL, KAFKA_SASL_*: @furnish/shared-connection-security).
 */
export function createKafka(clientId: string, brokers: readonly string[], logger: LoggerService, security: KafkaSecurity = {}): Kafka {
  return new Kafka({
    ...security,
    clientId,
    brokers: [...brokers],
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      const { message, error, ...rest } = entry.log;
      void rest;
      const line = `kafkajs ${entry.namespace}: ${message}${error ? ` (${String(error)})` : ''}`;
      if (entry.level <= logLevel.ERROR) logger.error(line);
      else logger.warn(line);
    },
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 10_000 },
  });
}
