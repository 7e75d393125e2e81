import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what survived a full collection before it runs the
 * next, as a percentage (HEAP_GROWING_PERCENT): 100 lets it double. Under a small
 * --max-old-space-size V8 picks its lowest factor (1.3), so a service whose chunks in flight keep a
 * steady stream of objects alive across young collections ran a full collection every few MiB of
 * promotion. --max-old-space-size still bounds the heap. NODE_OPTIONS refuses this flag, so it is set
 * here, at start-up; V8 reads it at every collection. 0 leaves V8's own factor.
 */
export function applyHeapGrowingPercent(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
