import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { StackConfigError } from './errors';

export interface JavaRuntime {
  readonly home: string;
  readonly executable: string;
  readonly major: number;
}

const JVM_FOLDERS = ['/usr/lib/jvm', '/usr/local/lib/jvm', '/opt/java', '/Library/Java/JavaVirtualMachines'];

/** `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` from PATH. */
export function javaExecutable(env: NodeJS.ProcessEnv = process.env): string {
  const javaHome = env['JAVA_HOME'];
  return javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
}

/**
 * A JVM of at least `minimum`: the one named by `overrideVariable` if set, else the default
 * (JAVA_HOME, then PATH) when new enough, else the newest installed JDK that is.
 */
export function selectJava(minimum: number, overrideVariable: string, env: NodeJS.ProcessEnv = process.env): JavaRuntime {
  const override = env[overrideVariable];
  if (override) {
    const runtime = runtimeAt(override);
    if (!runtime) throw new StackConfigError(overrideVariable, `no JDK with a release file at ${override}`);
    if (runtime.major < minimum) {
      throw new StackConfigError(overrideVariable, `${override} is Java ${runtime.major}; Java ${minimum}+ is needed`);
    }
    return runtime;
  }
  const preferred = defaultRuntime(env);
  if (preferred && preferred.major >= minimum) return preferred;
  const newest = installedRuntimes()
    .filter((runtime) => runtime.major >= minimum)
    .sort((a, b) => b.major - a.major)[0];
  if (newest) return newest;
  const found = preferred ? `Java ${preferred.major} at ${preferred.home}` : 'no Java';
  throw new StackConfigError(overrideVariable, `Java ${minimum}+ is needed but only ${found} was found; point it at a JDK ${minimum}+`);
}

function defaultRuntime(env: NodeJS.ProcessEnv): JavaRuntime | null {
  if (env['JAVA_HOME']) return runtimeAt(env['JAVA_HOME']);
  for (const dir of (env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'java');
    if (existsSync(candidate)) return runtimeAt(path.dirname(path.dirname(realpathSync(candidate))));
  }
  return null;
}

function installedRuntimes(): JavaRuntime[] {
  return JVM_FOLDERS.filter((folder) => existsSync(folder)).flatMap((folder) =>
    readdirSync(folder).flatMap((entry) => {
      const home = path.join(folder, entry);
      const runtime = runtimeAt(home) ?? runtimeAt(path.join(home, 'Contents', 'Home'));
      return runtime ? [runtime] : [];
    }),
  );
}

function runtimeAt(home: string): JavaRuntime | null {
  const executable = path.join(home, 'bin', 'java');
  const releaseFile = path.join(home, 'release');
  if (!existsSync(executable) || !existsSync(releaseFile)) return null;
  const version = /^JAVA_VERSION="([^"]+)"/m.exec(readFileSync(releaseFile, 'utf8'))?.[1];
  if (!version) return null;
  const [first, second] = version.split('.').map(Number);
  const major = first === 1 ? second : first;
  return major ? { home, executable, major } : null;
}
