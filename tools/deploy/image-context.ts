import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { BUILD_DIR, compiledPath, ensureServicesBuilt } from '../stack/service-build';
import { WORKSPACE_ROOT } from '../stack/stack-paths';

/** The build context of the image (git-ignored): compiled apps, schemas and production node_modules. */
export const IMAGE_CONTEXT_DIR = path.join(WORKSPACE_ROOT, 'dist', 'image');
/** What the image's /app holds; the Containerfile copies it as it is. */
export const IMAGE_APP_DIR = path.join(IMAGE_CONTEXT_DIR, 'app');
const IMAGE_SOURCES = path.join(WORKSPACE_ROOT, 'deploy', 'image');

/** Apps that are not deployable programs (the end-to-end suites). */
const NOT_IN_IMAGE = new Set(['pipeline-e2e']);

/** Workspace-relative entry points of every app the image runs: apps/<name>/src/main.ts. */
export function imageEntries(root: string = WORKSPACE_ROOT): string[] {
  return readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_IN_IMAGE.has(entry.name))
    .map((entry) => `apps/${entry.name}/src/main.ts`)
    .filter((entry) => existsSync(path.join(root, entry)))
    .sort();
}

/** The specifiers a compiled CommonJS module requires, in order of appearance. */
export function requiredSpecifiers(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1] as string);
}

/** `lodash/fp` → `lodash`, `@nestjs/core/x` → `@nestjs/core`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

const BUILTINS = new Set(builtinModules);
export const isBuiltin = (specifier: string): boolean => specifier.startsWith('node:') || BUILTINS.has(specifier);

export class ImageContextError extends Error {
  override readonly name = 'ImageContextError';
}

export interface ModuleClosure {
  /** Absolute paths of the compiled files the entries load. */
  readonly files: string[];
  /** npm packages they require. */
  readonly packages: string[];
}

/**
 * Every compiled file reachable from `entries` through relative requires (swc rewrote the
 * `@furnish/*` paths into relative ones), and the packages they name. A relative require that
 * resolves to no file fails here rather than in a pod.
 */
export function moduleClosure(entries: readonly string[], read: (file: string) => string = (file) => readFileSync(file, 'utf8')): ModuleClosure {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    for (const specifier of requiredSpecifiers(read(file))) {
      if (specifier.startsWith('.')) {
        const target = resolveRelative(path.dirname(file), specifier);
        if (!target) throw new ImageContextError(`${path.relative(WORKSPACE_ROOT, file)} requires ${specifier}, which resolves to no compiled file`);
        pending.push(target);
      } else if (!isBuiltin(specifier)) {
        packages.add(packageName(specifier));
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

function resolveRelative(dir: string, specifier: string): string | undefined {
  const base = path.resolve(dir, specifier);
  return [base, `${base}.js`, path.join(base, 'index.js')].find((candidate) => existsSync(candidate) && candidate.endsWith('.js'));
}

/** Folders of the production dependency tree (`npm ls --omit=dev`), outermost first, none inside another. */
function productionPackageDirs(): string[] {
  const result = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new ImageContextError(`npm ls --omit=dev failed (run npm ci first):\n${result.stderr}`);
  const dirs = result.stdout
    .split('\n')
    .filter((line) => line.includes(`${path.sep}node_modules${path.sep}`))
    .sort();
  return dirs.filter((dir, i) => !dirs.slice(0, i).some((outer) => dir.startsWith(`${outer}${path.sep}`)));
}

export interface ImageContextSummary {
  readonly entries: string[];
  readonly files: number;
  readonly packages: string[];
  readonly packageDirs: number;
}

/**
 * Compiles the apps (the same swc build the local stack runs) and assembles dist/image/app: the
 * compiled closure of every app entry, schemas/, the entry point and the production node_modules
 * copied from this checkout's install. The install is `npm ci`'s, so the lockfile pins it and the
 * avsc patch is applied (patch-package is a dev dependency and cannot run in a production-only
 * install); copying it avoids a second, slow install inside the image build.
 */
export async function assembleImageContext(): Promise<ImageContextSummary> {
  await ensureServicesBuilt();
  const entries = imageEntries();
  const closure = moduleClosure(entries.map(compiledPath));
  const production = new Set(Object.keys(JSON.parse(readFileSync(path.join(WORKSPACE_ROOT, 'package.json'), 'utf8')).dependencies ?? {}));
  const undeclared = closure.packages.filter((name) => !production.has(name));
  if (undeclared.length > 0) {
    throw new ImageContextError(`the apps require ${undeclared.join(', ')}, which package.json does not list in "dependencies"; the image would lack them`);
  }

  rmSync(IMAGE_CONTEXT_DIR, { recursive: true, force: true });
  mkdirSync(IMAGE_APP_DIR, { recursive: true });
  for (const file of closure.files) {
    const target = path.join(IMAGE_APP_DIR, path.relative(BUILD_DIR, file));
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(file, target);
    if (existsSync(`${file}.map`)) cpSync(`${file}.map`, `${target}.map`);
  }
  cpSync(path.join(WORKSPACE_ROOT, 'schemas'), path.join(IMAGE_APP_DIR, 'schemas'), { recursive: true, filter: (source) => !source.endsWith('.md') });
  cpSync(path.join(IMAGE_SOURCES, 'entrypoint.js'), path.join(IMAGE_APP_DIR, 'entrypoint.js'));
  // Used by the image build's first stage only, so outside app/.
  cpSync(path.join(IMAGE_SOURCES, 'check-modules.js'), path.join(IMAGE_CONTEXT_DIR, 'check-modules.js'));
  const packageDirs = productionPackageDirs();
  for (const dir of packageDirs) {
    cpSync(dir, path.join(IMAGE_APP_DIR, path.relative(WORKSPACE_ROOT, dir)), { recursive: true, filter: (source) => path.basename(source) !== '.bin' });
  }
  return { entries, files: closure.files.length, packages: closure.packages, packageDirs: packageDirs.length };
}
