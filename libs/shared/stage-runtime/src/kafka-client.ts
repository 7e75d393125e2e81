import type { LoggerService } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/**
 * A kafkajs client whose own logs go to the service logger. kafkajs log entries carry broker,
 * topic and protocol details only; we keep its warnings and errors.
 */
export function createKafka(clientId: string, brokers: readonly string[], logger: LoggerService): Kafka {
  return new Kafka({
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
