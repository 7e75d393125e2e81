/**
 * The raw kafkajs passthrough as its own process, so it runs like a service (own event loop, own
 * core share): `node tools/run.js tools/bench/passthrough.main.ts`, configured by environment.
 * Prints one JSON line `{"event":"joined"}` on stdout when its consumer has joined the group.
 */
import { Kafka, logLevel } from 'kafkajs';
import { applyHeapGrowingPercent, STAGE_RUNTIME_ENV } from '@furnish/shared-stage-runtime';
import { PassthroughRunner } from './passthrough.runner';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    process.stderr.write(`passthrough: ${name} is required\n`);
    process.exit(2);
  }
  return value;
}

async function main(): Promise<void> {
  // The heap grows as a service's does (bootstrapService), so the two pay the same garbage collection.
  applyHeapGrowingPercent(STAGE_RUNTIME_ENV.HEAP_GROWING_PERCENT.parse(process.env.HEAP_GROWING_PERCENT));
  const kafka = new Kafka({
    clientId: 'furnish-bench-passthrough',
    brokers: (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(','),
    logLevel: logLevel.WARN,
    // As libs/shared/stage-runtime/src/kafka-client.ts.
    retry: { retries: 8, initialRetryTime: 200, maxRetryTime: 10_000 },
  });
  const runner = new PassthroughRunner({
    kafka,
    groupId: required('BENCH_PASSTHROUGH_GROUP'),
    inputTopics: required('BENCH_PASSTHROUGH_INPUTS').split(','),
    outputTopic: required('BENCH_PASSTHROUGH_OUTPUT'),
    chunkSize: Number(process.env.STAGE_CHUNK_SIZE ?? 500),
    partitionsConsumedConcurrently: Number(process.env.STAGE_PARTITIONS_CONCURRENCY ?? 6),
    fetch: { minBytes: Number(process.env.STAGE_FETCH_MIN_BYTES ?? 1), maxWaitMs: Number(process.env.STAGE_FETCH_MAX_WAIT_MS ?? 250) },
    onJoined: () => process.stdout.write(`${JSON.stringify({ event: 'joined' })}\n`),
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void runner.stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  await runner.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`passthrough failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
