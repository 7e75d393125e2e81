export const STACK_ERROR_CODES = [
  'STACK_CONFIG',
  'COMMAND_FAILED',
  'POSTGRES_UNREACHABLE',
  'READINESS_TIMEOUT',
  'PROCESS_EXITED',
  'PORT_BUSY',
  'LOCK_TIMEOUT',
] as const;
export type StackErrorCode = (typeof STACK_ERROR_CODES)[number];

export abstract class StackError extends Error {
  abstract readonly code: StackErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class StackConfigError extends StackError {
  readonly code = 'STACK_CONFIG';

  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

export class CommandFailedError extends StackError {
  readonly code = 'COMMAND_FAILED';
}

export class PostgresUnreachableError extends StackError {
  readonly code = 'POSTGRES_UNREACHABLE';
}

export class ReadinessTimeoutError extends StackError {
  readonly code = 'READINESS_TIMEOUT';
}

export class ProcessExitedError extends StackError {
  readonly code = 'PROCESS_EXITED';
}

export class PortBusyError extends StackError {
  readonly code = 'PORT_BUSY';
}

export class LockTimeoutError extends StackError {
  readonly code = 'LOCK_TIMEOUT';
}

export function isStackError(error: unknown): error is StackError {
  return error instanceof StackError;
}
