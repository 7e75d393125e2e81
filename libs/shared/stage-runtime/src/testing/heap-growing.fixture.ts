/**
 * Run by heap-growing.spec.ts in a child process: applies the growing percent given as argument,
 * then keeps a rolling window of chunk-like arrays alive across young collections (as chunks in
 * flight do) and prints how many full collections V8 ran.
 */
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { applyHeapGrowingPercent } from '../heap-growing';

applyHeapGrowingPercent(Number(process.argv[2]));
let fullCollections = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if ((entry as PerformanceEntry & { detail?: { kind: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections += 1;
}).observe({ entryTypes: ['gc'] });

const longLived = Array.from({ length: 50_000 }, (_, i) => ({ i, text: `long-lived ${i}` }));
const inFlight: { i: number; text: string }[][] = [];
for (let chunk = 0; chunk < 6_000; chunk += 1) {
  inFlight.push(Array.from({ length: 2_000 }, (_, i) => ({ i, text: `record ${i}` })));
  if (inFlight.length > 100) inFlight.shift();
}
// The observer is told after the event loop turns.
setTimeout(() => process.stdout.write(`${JSON.stringify({ fullCollections, longLived: longLived.length })}\n`), 50);
