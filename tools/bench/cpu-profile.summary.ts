import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUILD_DIR } from '../stack/service-build';
import { WORKSPACE_ROOT } from '../stack/stack-paths';

/** The parts of a V8 .cpuprofile (Chrome DevTools format) the summary reads. */
interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly children?: readonly number[];
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface Hotspot {
  readonly name: string;
  /** Share of all samples in the window, 0..1 (idle included in the denominator). */
  readonly share: number;
}

export interface ProfileSummary {
  readonly file: string;
  readonly seconds: number;
  /** Share of samples where the process was busy (not idle). */
  readonly busy: number;
  /** Self time by where the code lives: a package, a workspace library, GC, Node internals. */
  readonly byArea: readonly Hotspot[];
  /** Functions by self time. */
  readonly self: readonly Hotspot[];
  /** Functions by total time (self + callees), each sample counted once per function. */
  readonly total: readonly Hotspot[];
}

const SPECIAL = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);
/** Frames every async call passes through; as "total time" they would top every list and say nothing. */
const PLUMBING = new Set(['processTicksAndRejections', 'runMicrotasks', 'processTimers', 'listOnTimeout', 'emit', 'emitAsync']);

export function summariseCpuProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const areas = new Map<string, number>();
  let idle = 0;
  const samples = profile.samples.length;
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName } = node.callFrame;
    if (functionName === '(idle)') {
      idle++;
      continue;
    }
    add(self, frameName(node.callFrame));
    add(areas, areaOf(node.callFrame));
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || SPECIAL.has(frame.functionName) || PLUMBING.has(frame.functionName) || frame.url.startsWith('node:internal/process/')) continue;
      const name = frameName(frame);
      if (!seen.has(name)) {
        seen.add(name);
        add(total, name);
      }
    }
  }
  const ranked = (counts: Map<string, number>, n: number): Hotspot[] =>
    [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, count]) => ({ name, share: count / Math.max(1, samples) }));
  return {
    file,
    seconds: profile.timeDeltas.reduce((sum, d) => sum + d, 0) / 1e6,
    busy: (samples - idle) / Math.max(1, samples),
    byArea: ranked(areas, 12),
    self: ranked(self, top),
    total: ranked(total, top),
  };
}

function add(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function shortUrl(url: string): string {
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url;
  const modules = file.lastIndexOf('/node_modules/');
  if (modules >= 0) return file.slice(modules + '/node_modules/'.length);
  // Services run compiled; name the source file (its lines differ, so they are not given for .ts).
  if (file.startsWith(`${BUILD_DIR}/`)) return path.relative(BUILD_DIR, file).replace(/\.js$/, '.ts');
  return file.startsWith('/') ? path.relative(WORKSPACE_ROOT, file) : file;
}

/** `function (file:line)`; line numbers only for JavaScript (TypeScript is transpiled on load, lines shift). */
function frameName(frame: { functionName: string; url: string; lineNumber: number }): string {
  if (SPECIAL.has(frame.functionName)) return frame.functionName;
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return `${name} (native)`;
  const file = shortUrl(frame.url);
  return file.endsWith('.ts') ? `${name} (${file})` : `${name} (${file}:${frame.lineNumber + 1})`;
}

function areaOf(frame: { functionName: string; url: string }): string {
  if (frame.functionName === '(garbage collector)') return 'garbage collector';
  if (frame.functionName === '(program)') return 'V8/native (unattributed)';
  if (!frame.url) return 'V8 builtins / native';
  if (frame.url.startsWith('node:')) return 'Node.js internals';
  const file = shortUrl(frame.url);
  if (!file.startsWith('libs/') && !file.startsWith('apps/') && !file.startsWith('tools/')) {
    const parts = file.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const parts = file.split('/');
  return parts[0] === 'libs' ? `libs/${parts[1]}/${parts[2]}` : `${parts[0]}/${parts[1]}`;
}
