import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from '@swc-node/core';
import { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } from '@swc-node/register/read-default-tsconfig';
import { WORKSPACE_ROOT } from './stack-paths';

/** Where services run from: JavaScript compiled from apps/ and libs/, mirroring their paths. */
export const BUILD_DIR = path.join(WORKSPACE_ROOT, 'dist', 'services');

const SOURCE_ROOTS = ['apps', 'libs'];
const SKIPPED = /(\.spec|\.d)\.ts$/;

/**
 * Compiles the services ahead of time with the same swc settings tools/run.js uses at run time
 * (tsconfig paths rewritten to relative imports). A service started from TypeScript carries the
 * compiler in memory, about 75 MiB of its RSS; from JavaScript it does not. Only sources newer
 * than their output are compiled again.
 */
export async function buildServices(): Promise<{ compiled: number; upToDate: number }> {
  // fallbackToTs is a callback of swc-node's own, not a compiler option.
  const { fallbackToTs, ...tsconfig } = readDefaultTsConfig(path.join(WORKSPACE_ROOT, 'tsconfig.json'));
  void fallbackToTs;
  let compiled = 0;
  let upToDate = 0;
  for (const source of SOURCE_ROOTS.flatMap((root) => typeScriptFiles(path.join(WORKSPACE_ROOT, root)))) {
    const output = compiledPath(source);
    if (isNewer(output, source)) {
      upToDate++;
      continue;
    }
    const { code, map } = await transform(readFileSync(source, 'utf8'), source, tsCompilerOptionsToSwcConfig({ ...tsconfig, sourceMap: true }, source));
    mkdirSync(path.dirname(output), { recursive: true });
    writeFileSync(output, `${code}\n//# sourceMappingURL=${path.basename(output)}.map\n`);
    if (map) writeFileSync(`${output}.map`, map);
    compiled++;
  }
  return { compiled, upToDate };
}

/** dist/services/<path>.js for a workspace TypeScript file. */
export const compiledPath = (source: string): string =>
  path.join(BUILD_DIR, path.relative(WORKSPACE_ROOT, path.resolve(WORKSPACE_ROOT, source))).replace(/\.ts$/, '.js');

let build: Promise<unknown> | undefined;
/** Builds once per process: every service started after that runs the same compiled code. */
export const ensureServicesBuilt = (): Promise<unknown> => (build ??= buildServices());

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(full);
    return entry.name.endsWith('.ts') && !SKIPPED.test(entry.name) ? [full] : [];
  });
}

function isNewer(output: string, source: string): boolean {
  try {
    return statSync(output).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
}
