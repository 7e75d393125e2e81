/**
 * `npm run bench:transport`: what the Nest transport (KafkaExactlyOnceServer, issue 16) adds to each
 * chunk a stage processes — the handler lookup, Nest's RPC context (pipes, interceptors, exception
 * filters) and the Observable round trip — measured by timing the same controller's chunks through
 * the Stage the server builds and through the controller's method directly, alternating, in one
 * process, without Kafka. The end-to-end drains cannot answer this: their run-to-run spread (tens of
 * µs per record) is far above what a per-chunk cost can be once divided by the chunk's records.
 */
import 'reflect-metadata';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { EncodedValue, emit, type InputRecord, type RecordOutcome, type Stage } from '@furnish/shared-stage-api';
import { KafkaExactlyOnceServer, MessageHeaders, StageHandler, type StageRunner } from '@furnish/shared-stage-runtime';

const TOPIC = 'bench.transport.in';
const CHUNK = Number(process.env['STAGE_CHUNK_SIZE'] ?? 500);
const CHUNKS_PER_BLOCK = 2_000;
const ROUNDS = 7;

/** A stage whose own work is as small as a stage's can be: one output per record. */
@Controller()
class EchoStage implements Stage<unknown> {
  readonly name = 'echo';
  readonly inputTopics = [TOPIC];
  readonly outputTopics = ['bench.transport.out'];

  @StageHandler(TOPIC)
  async process(records: readonly InputRecord<unknown>[]): Promise<readonly RecordOutcome[]> {
    return records.map((r) => emit({ topic: 'bench.transport.out', key: String(r.key), value: r.value }));
  }
}

@Module({ controllers: [EchoStage] })
class EchoModule {}

const chunk: InputRecord<unknown>[] = Array.from({ length: CHUNK }, (_, i) => ({
  key: `k${i}`,
  value: { i },
  topic: TOPIC,
  partition: 0,
  offset: String(i),
  timestamp: new Date(0),
  headers: new MessageHeaders({}),
  encoded: EncodedValue.ofValue({ i }),
}));

async function nanosecondsPerChunk(process: (records: readonly InputRecord<unknown>[]) => Promise<readonly RecordOutcome[]>): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < CHUNKS_PER_BLOCK; i++) await process(chunk);
  return ((performance.now() - started) * 1e6) / CHUNKS_PER_BLOCK;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  let built: Stage<unknown> | undefined;
  const server = new KafkaExactlyOnceServer({
    stage: () => app.get(EchoStage),
    // No Kafka: the runner is never started; only the Stage the server builds is kept.
    createRunner: (stage) => {
      built = stage;
      return { start: async () => undefined, stop: async () => undefined } as unknown as StageRunner;
    },
  });
  const app = await NestFactory.create(EchoModule, { logger: false });
  app.connectMicroservice({ strategy: server });
  await app.startAllMicroservices();
  const controller = app.get(EchoStage);
  const throughNest = built!;

  // Warm-up of both paths, then alternating blocks so drift (JIT, GC, the machine) hits both alike.
  for (let i = 0; i < 2; i++) {
    await nanosecondsPerChunk((r) => controller.process(r));
    await nanosecondsPerChunk((r) => throughNest.process(r));
  }
  const direct: number[] = [];
  const nest: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    direct.push(await nanosecondsPerChunk((r) => controller.process(r)));
    nest.push(await nanosecondsPerChunk((r) => throughNest.process(r)));
  }
  await app.close();

  const added = median(nest) - median(direct);
  console.log(`Nest transport overhead (${new Date().toISOString()}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version})`);
  console.log(`  chunk of ${CHUNK} records, ${ROUNDS} alternating blocks of ${CHUNKS_PER_BLOCK} chunks each way, medians:`);
  console.log(`  controller.process directly         ${(median(direct) / 1000).toFixed(1)} µs per chunk`);
  console.log(`  through KafkaExactlyOnceServer      ${(median(nest) / 1000).toFixed(1)} µs per chunk`);
  console.log(`  added by the transport              ${(added / 1000).toFixed(1)} µs per chunk = ${(added / CHUNK / 1000).toFixed(3)} µs per record`);
  console.log(`  blocks (µs per chunk), direct: ${direct.map((n) => (n / 1000).toFixed(1)).join(' ')}; through Nest: ${nest.map((n) => (n / 1000).toFixed(1)).join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
