import { z } from 'zod';
import { FurnishError } from '@furnish/shared-util-errors';

export class ConfigError extends FurnishError {
  constructor(readonly problems: readonly string[]) {
    super('CONFIG_INVALID', `invalid configuration:\n  ${problems.join('\n  ')}`, 'dead-letter');
  }
}

/**
 * Parses the environment against a schema whose keys are the variable names, so every problem is
 * reported by variable name. Values are never echoed: some of them are credentials.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    return `${variable}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}
