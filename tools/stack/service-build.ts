import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from '@swc-node/core';
import { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } from '@swc-node/register/read-default-tsconfig';
import { runCommand } from './command.runner';
import { WORKSPACE_ROOT } from './stack-paths';

/** Where services run from: JavaScript compiled from apps/ and libs/, mirroring their paths. */
export const BUILD_DIR = path.join(WORKSPACE_ROOT, 'dist', 'services');

const SKIPPED = /(\.spec|\.d)\.ts$/;

/**
 * The `build` target of one Nx project (nx.json): compiles its TypeScript with the swc settings
 * tools/run.js uses at run time (tsconfig paths rewritten to relative requires) into
 * dist/services/<projectRoot>, replacing what was there so a renamed module cannot be loaded stale.
 * Each file is compiled alone, so a project's output depends on its own sources and the tsconfigs
 * only; Nx caches it by those inputs and builds dependencies first (`dependsOn: ^build`). A service
 * started from TypeScript carries the compiler in memory, about 75 MiB of its RSS; compiled, not.
 */
export async function buildProject(projectRoot: string): Promise<number> {
  // fallbackToTs is a callback of swc-node's own, not a compiler option.
  const { fallbackToTs, ...tsconfig } = readDefaultTsConfig(path.join(WORKSPACE_ROOT, 'tsconfig.json'));
  void fallbackToTs;
  const sources = typeScriptFiles(path.resolve(WORKSPACE_ROOT, projectRoot));
  rmSync(path.join(BUILD_DIR, projectRoot), { recursive: true, force: true });
  for (const source of sources) {
    const { code, map } = await transform(readFileSync(source, 'utf8'), source, tsCompilerOptionsToSwcConfig({ ...tsconfig, sourceMap: true }, source));
    const output = compiledPath(source);
    if (map) writeAtomically(`${output}.map`, map);
    writeAtomically(output, `${code}\n//# sourceMappingURL=${path.basename(output)}.map\n`);
  }
  return sources.length;
}

/** dist/services/<path>.js for a workspace TypeScript file. */
export const compiledPath = (source: string): string =>
  path.join(BUILD_DIR, path.relative(WORKSPACE_ROOT, path.resolve(WORKSPACE_ROOT, source))).replace(/\.ts$/, '.js');

/** The apps the stack and the image run; `^build` brings every library they import. */
const DEPLOYABLE_APPS = 'tag:type:app';

let build: Promise<unknown> | undefined;
/**
 * Runs `nx run-many -t build` for the apps once per process: unchanged projects come from Nx's
 * cache (seconds), so every service started after that runs the code of this checkout.
 */
export function ensureServicesBuilt(): Promise<unknown> {
  build ??= runCommand(process.execPath, [require.resolve('nx/bin/nx.js'), 'run-many', '-t', 'build', '-p', DEPLOYABLE_APPS, '--outputStyle=static'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_TUI: 'false' },
    purpose: `the service build (nx run-many -t build -p ${DEPLOYABLE_APPS})`,
  }).catch((error: unknown) => {
    build = undefined; // a failed build (a syntax error being fixed) is tried again next time
    throw error;
  });
  return build;
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(full);
    return entry.name.endsWith('.ts') && !SKIPPED.test(entry.name) ? [full] : [];
  });
}

/** Under a temporary name, then renamed: a service starting meanwhile never loads half a file. */
function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}
