import { ConsoleLogger, type LogLevel } from '@nestjs/common';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

const NEST_LEVELS: Record<LogLevelName, LogLevel[]> = {
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  info: ['fatal', 'error', 'warn', 'log'],
  warn: ['fatal', 'error', 'warn'],
  error: ['fatal', 'error'],
};

/**
 * One JSON object per line on stdout. Log statements in Furnish name stages, topics, partitions,
 * offsets, counts and error codes; never record content (canary tests read these logs).
 */
export function createJsonLogger(service: string, level: LogLevelName): ConsoleLogger {
  return new ConsoleLogger(service, { json: true, colors: false, logLevels: NEST_LEVELS[level] });
}
