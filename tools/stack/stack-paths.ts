import path from 'node:path';

export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..');

/** Everything the stack downloads or writes lives here (git-ignored). `FURNISH_STACK_DIR` moves it. */
export function stackDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(WORKSPACE_ROOT, env['FURNISH_STACK_DIR'] ?? '.stack');
}

export const stackPaths = (root: string = stackDir()) => ({
  root,
  logs: path.join(root, 'logs'),
  run: path.join(root, 'run'),
  logFile: (name: string) => path.join(root, 'logs', `${name}.log`),
  pidFile: (name: string) => path.join(root, 'run', `${name}.pid`),
  lockFile: (name: string) => path.join(root, 'run', `${name}.lock`),
  kafkaHome: (version: string) => path.join(root, `kafka-${version}`),
  kafkaData: path.join(root, 'kafka-data'),
  kafkaClusterId: path.join(root, 'kafka-cluster-id'),
  apicurioHome: (version: string) => path.join(root, `apicurio-${version}`),
});

export type StackPaths = ReturnType<typeof stackPaths>;

/** Workspace-relative for paths inside the workspace, absolute otherwise. */
export function relativeToWorkspace(file: string): string {
  const relative = path.relative(WORKSPACE_ROOT, file);
  return relative.startsWith('..') ? file : relative || '.';
}
