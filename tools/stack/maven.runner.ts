import { runCommand } from './command.runner';

export const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.6.1';

/** Batch-mode, quiet Maven; resolves from the user's ~/.m2 settings (Maven Central here). */
export function runMaven(args: readonly string[], options: { cwd: string; purpose: string }): Promise<string> {
  return runCommand('mvn', ['-B', '-q', ...args], options);
}
