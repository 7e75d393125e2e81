import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transform } from '@swc-node/core';
import { readDefaultTsConfig, tsCompilerOptionsToSwcConfig } from '@swc-node/register/read-default-tsconfig';
import { WORKSPACE_ROOT } from './stack-paths';

/** Where services run from: JavaScript compiled from apps/ and libs/, mirroring their paths. */
export const BUILD_DIR = path.join(WORKSPACE_ROOT, 'dist', 'services');

const SOURCE_ROOTS = ['apps', 'libs'];
const SKIPPED = /(\.spec|\.d)\.ts$/;
/** What the compiled output depends on besides each source: when it changes, everything is rebuilt. */
const BUILD_INPUTS = ['tsconfig.json', 'tsconfig.base.json', 'node_modules/@swc/core/package.json'];
const STAMP = path.join(BUILD_DIR, '.build-inputs');

/**
 * Compiles the services ahead of time with the same swc settings tools/run.js uses at run time
 * (tsconfig paths rewritten to relative imports). A service started from TypeScript carries the
 * compiler in memory, about 75 MiB of its RSS; from JavaScript it does not.
 *
 * Incremental: only sources newer than their output are compiled again, outputs whose source is
 * gone are removed (so a renamed module cannot be loaded stale), and a change to the tsconfigs or
 * the swc version rebuilds everything. Files are written under a temporary name and renamed, so a
 * service starting during another process's build never loads half a file.
 */
export async function buildServices(): Promise<{ compiled: number; upToDate: number; removed: number }> {
  // fallbackToTs is a callback of swc-node's own, not a compiler option.
  const { fallbackToTs, ...tsconfig } = readDefaultTsConfig(path.join(WORKSPACE_ROOT, 'tsconfig.json'));
  void fallbackToTs;
  const inputs = buildInputsHash();
  if (readStamp() !== inputs) rmSync(BUILD_DIR, { recursive: true, force: true });
  const sources = SOURCE_ROOTS.flatMap((root) => typeScriptFiles(path.join(WORKSPACE_ROOT, root)));
  let compiled = 0;
  let upToDate = 0;
  for (const source of sources) {
    const output = compiledPath(source);
    if (isNewer(output, source)) {
      upToDate++;
      continue;
    }
    const { code, map } = await transform(readFileSync(source, 'utf8'), source, tsCompilerOptionsToSwcConfig({ ...tsconfig, sourceMap: true }, source));
    mkdirSync(path.dirname(output), { recursive: true });
    if (map) writeAtomically(`${output}.map`, map);
    writeAtomically(output, `${code}\n//# sourceMappingURL=${path.basename(output)}.map\n`);
    compiled++;
  }
  const removed = removeOrphans(new Set(sources.map(compiledPath)));
  writeAtomically(STAMP, inputs);
  return { compiled, upToDate, removed };
}

/** dist/services/<path>.js for a workspace TypeScript file. */
export const compiledPath = (source: string): string =>
  path.join(BUILD_DIR, path.relative(WORKSPACE_ROOT, path.resolve(WORKSPACE_ROOT, source))).replace(/\.ts$/, '.js');

let build: Promise<unknown> | undefined;
/** Builds once per process: every service started after that runs the same compiled code. */
export function ensureServicesBuilt(): Promise<unknown> {
  build ??= buildServices().catch((error: unknown) => {
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

function removeOrphans(expected: ReadonlySet<string>): number {
  const outputs = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? outputs(full) : entry.name.endsWith('.js') ? [full] : [];
    });
  const orphans = outputs(BUILD_DIR).filter((output) => !expected.has(output));
  for (const orphan of orphans) {
    rmSync(orphan, { force: true });
    rmSync(`${orphan}.map`, { force: true });
  }
  return orphans.length;
}

function buildInputsHash(): string {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) hash.update(readFileSync(path.join(WORKSPACE_ROOT, input)));
  return hash.digest('hex');
}

function readStamp(): string | undefined {
  try {
    return readFileSync(STAMP, 'utf8');
  } catch {
    return undefined;
  }
}

function writeAtomically(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

function isNewer(output: string, source: string): boolean {
  try {
    return statSync(output).mtimeMs >= statSync(source).mtimeMs;
  } catch {
    return false;
  }
}
