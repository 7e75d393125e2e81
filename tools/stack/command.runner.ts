import { spawn } from 'node:child_process';
import { CommandFailedError } from './errors';

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** What the command is for, used in the error message. */
  readonly purpose: string;
}

const OUTPUT_TAIL_CHARS = 4000;

/** Runs a short-lived command to completion, keeping only the tail of its output for the error. */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason = error.code === 'ENOENT' ? `'${command}' is not on PATH` : error.message;
      reject(new CommandFailedError(`${options.purpose} failed: ${reason}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(output);
      const status = signal ? `signal ${signal}` : `exit code ${code}`;
      reject(
        new CommandFailedError(
          `${options.purpose} failed (${command} ${status}). Last output:\n${output.trim() || '(none)'}`,
        ),
      );
    });
  });
}
