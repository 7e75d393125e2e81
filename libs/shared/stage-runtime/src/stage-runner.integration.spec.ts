import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Admin, Kafka } from 'kafkajs';
import { fail, type CommitAware, type SettledRecord, type SettlementAware } from '@furnish/shared-stage-api';
import { FurnishError } from '@furnish/shared-util-errors';
import { deadLetterKeyRef } from './dead-letter-envelope';
import { HEADERS } from './headers';
import { CopyStage, eventually, items, RecordingLogger, RecordingObserver, RuntimeTestbed, TEST_REGISTRY_URL, type Item } from './testing/runtime-testbed';
import { AvroSerde, SchemaRegistryClient } from '@furnish/shared-avro-serde';

/**
 * The stage runtime against the real broker and registry: each test breaks something underneath a
 * running StageRunner and counts what came out. Topics, subjects and groups are the test's own.
 */
describe('StageRunner under faults (real Kafka and registry)', () => {
  let bed: RuntimeTestbed;
  beforeEach(() => {
    bed = new RuntimeTestbed();
  });
  afterEach(async () => {
    await bed.close();
  });

  const ids = (records: readonly { value: Item | null }[]) => records.map((r) => r.value!.id);

  /**
   * Publishes `sent` to the 2-partition input in `waves`, and after every second wave fences the
   * runner's producer of one partition: another holder of its transactional id (InitProducerId), so
   * its next commit fails, as after a broker restart mid-commit. Returns once everything is committed.
   */
  const publishWhileFencing = async (sent: readonly Item[], waves: number): Promise<void> => {
    const outsider = RuntimeTestbed.client();
    const perWave = sent.length / waves;
    for (let wave = 0; wave < waves; wave++) {
      await bed.publish(bed.topic('in'), sent.slice(wave * perWave, (wave + 1) * perWave));
      if (wave % 2 === 1) {
        const intruder = outsider.producer({ transactionalId: `${bed.prefix}.group-${bed.topic('in')}-${wave % 4 === 1 ? 0 : 1}`, idempotent: true, maxInFlightRequests: 1 });
        await intruder.connect();
        await (await intruder.transaction()).abort();
        await intruder.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const total = BigInt(sent.length);
    await eventually('everything committed', async () => (await bed.committedOffset(bed.topic('in'), 0)) + (await bed.committedOffset(bed.topic('in'), 1)) >= total, 90_000);
  };
  const exactlyOnce = (received: readonly string[], expected: readonly string[]) => {
    expect(received.length).toBe(expected.length);
    expect(new Set(received)).toEqual(new Set(expected));
  };

  it('fences before reading: a zombie stalled mid-chunk past its session timeout commits nothing after the new owner took over', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const zombieStage = new CopyStage([bed.topic('in')], [bed.topic('out')]);
    const zombieObserver = new RecordingObserver();
    const zombie = bed.runner(zombieStage, { observer: zombieObserver });
    const stalled = zombieStage.hold();
    await zombie.start();
    const sent = items(50, 'z');
    await bed.publish(bed.topic('in'), sent);
    await stalled.arrived;

    // The zombie holds its chunk (like a SIGSTOPped process: no heartbeats); the group evicts it
    // after the 6 s session timeout and the new owner fences it, reads the committed offset, and
    // delivers the chunk.
    const owner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]));
    await owner.start();
    await eventually('the new owner commits the whole partition', async () => (await bed.committedOffset(bed.topic('in'), 0)) >= 50n, 90_000);

    stalled.release();
    await eventually('the zombie finds itself fenced', () => zombieObserver.transactions.aborted > 0, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    exactlyOnce(ids(await bed.readAll(bed.topic('out'))), sent.map((i) => i.id));
  }, 180_000);

  it('recovers from failed commits without a restart: the producer is replaced and reading resumes at the offset committed after the new fence', async () => {
    await bed.createTopics({ in: 2, out: 2, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const observer = new RecordingObserver();
    const runner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer, chunk: { maxRecords: 5, maxBytes: 1 << 20 } });
    await runner.start();
    const sent = items(300, 'c');
    await publishWhileFencing(sent, 10);
    exactlyOnce(ids(await bed.readAll(bed.topic('out'))), sent.map((i) => i.id));
    expect(observer.fences.recovered).toBeGreaterThan(0);
    expect(observer.deadLetters).toEqual([]);
  }, 180_000);

  it('tells a CommitAware stage about a chunk only once its commit succeeded, and keeps the chunk committed when that step fails', async () => {
    await bed.createTopics({ in: 2, out: 2, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const settledIds: string[] = [];
    const committedIds: string[] = [];
    class Recording extends CopyStage implements SettlementAware<Item>, CommitAware<Item> {
      async settled(records: readonly SettledRecord<Item>[]): Promise<void> {
        settledIds.push(...records.map((r) => r.record.value.id));
      }
      async committed(records: readonly SettledRecord<Item>[]): Promise<void> {
        committedIds.push(...records.map((r) => r.record.value.id));
        if (committedIds.length === records.length) throw new Error('the first committed step fails');
      }
    }
    const observer = new RecordingObserver();
    const runner = bed.runner(new Recording([bed.topic('in')], [bed.topic('out')]), { observer, chunk: { maxRecords: 5, maxBytes: 1 << 20 } });
    await runner.start();
    const sent = items(200, 'h');
    await publishWhileFencing(sent, 8);
    await eventually('every committed chunk reported', () => committedIds.length >= 200, 10_000);

    exactlyOnce(ids(await bed.readAll(bed.topic('out'))), sent.map((i) => i.id));
    // Failed commits settled some records twice, but each was reported committed exactly once.
    expect(observer.fences.recovered).toBeGreaterThan(0);
    expect(settledIds.length).toBeGreaterThan(200);
    exactlyOnce(committedIds, sent.map((i) => i.id));
    expect(observer.afterCommitFailures).toBe(1);
  }, 180_000);

  it('commits past an aborted upstream transaction at the end of a partition, so the group reaches the end', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    await bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')])).start();
    await bed.publish(bed.topic('in'), items(3, 'kept'));
    await bed.publishAborted(bed.topic('in'), items(4, 'aborted'), 0);
    // 3 records, 4 aborted ones and the abort marker: the end is offset 8 once the marker is written.
    await eventually('the abort marker is written', async () => (await bed.endOffset(bed.topic('in'), 0)) === 8n, 30_000);
    await eventually('committed offset reaches the end past the abort marker', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 8n, 30_000);
    expect(ids(await bed.readAll(bed.topic('out')))).toEqual(['kept-0', 'kept-1', 'kept-2']);
  }, 90_000);

  it('sees no record of an aborted transaction when producers interleave: each committed record copied and dead-lettered once', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    // A partition written by several transactional producers, as a DLQ partition is when a stage's
    // instances are killed mid-transaction (issue 10): the killed owner's transaction began first;
    // another producer's transaction is aborted; then the new owner's fence aborts the killed one,
    // and the new owner commits the same records again. The broker lists aborted transactions in
    // the order they were aborted, so the killed owner's comes second although it began first.
    const producer = (name: string) => bed.kafka.producer({ transactionalId: `${bed.prefix}-${name}`, idempotent: true, maxInFlightRequests: 1 });
    const [killed, other, owner] = [producer('killed'), producer('other'), producer('owner')];
    const junk = (round: number, i: number) => ({ key: `junk-${round}-${i}`, value: Buffer.from(`not the wire format ${round}-${i}`) });
    const encoded = async (list: readonly Item[]) => Promise.all(list.map(async (item) => ({ key: item.id, value: await bed.encode(bed.topic('in'), item) })));
    const rounds = 4;
    try {
      for (const p of [killed, other, owner]) await p.connect();
      for (let round = 0; round < rounds; round++) {
        const good = items(6, `r${round}`);
        const bad = [0, 1, 2].map((i) => junk(round, i));
        const topic = bed.topic('in');
        const first = await killed.transaction();
        await first.send({ topic, messages: [...(await encoded(good.slice(0, 3))), ...bad.slice(0, 2)] });
        const second = await other.transaction();
        await second.send({ topic, messages: await encoded(items(2, `never-${round}`)) });
        await second.abort();
        await first.send({ topic, messages: [...(await encoded(good.slice(3))), bad[2]] });
        await first.abort();
        const again = await owner.transaction();
        await again.send({ topic, messages: [...(await encoded(good)), ...bad] });
        await again.commit();
      }
    } finally {
      await Promise.all([killed, other, owner].map((p) => p.disconnect()));
    }
    const committed = Array.from({ length: rounds }, (_, round) => items(6, `r${round}`).map((i) => i.id)).flat();
    const junkKeys = Array.from({ length: rounds }, (_, round) => [0, 1, 2].map((i) => junk(round, i).key)).flat();

    // Started after everything is written, so its first fetch holds every round's aborted transactions.
    const observer = new RecordingObserver();
    await bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer }).start();
    const end = await bed.endOffset(bed.topic('in'), 0);
    await eventually('the partition is committed to its end', async () => (await bed.committedOffset(bed.topic('in'), 0)) === end, 60_000);
    exactlyOnce(ids(await bed.readAll(bed.topic('out'))), committed);
    const dead = await bed.readAll(bed.topic('dlq'), { raw: true });
    // A dead letter's key is the keyed hash of its source key (dead-letter-envelope.ts).
    exactlyOnce(dead.map((d) => d.key!), junkKeys.map((key) => deadLetterKeyRef(bed.deadLetterKeys.current, Buffer.from(key))));
    expect(observer.deadLetters).toHaveLength(junkKeys.length);
    // A plain read_committed reader (as the chaos suite's) sees the input's committed records once.
    exactlyOnce((await bed.readAll(bed.topic('in'), { raw: true })).map((r) => r.key!), [...committed, ...junkKeys]);
  }, 120_000);

  it('dead-letters 400 non-wire-format 3 KB messages without blocking the partition, and passes the good ones', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const observer = new RecordingObserver();
    await bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer, chunk: { maxRecords: 500, maxBytes: 4 << 20 } }).start();
    const junk = Array.from({ length: 400 }, (_, i) => ({ key: `junk-${i}`, value: randomBytes(3_000), headers: { binary: Buffer.from([0xff, 0xfe]) } }));
    junk.forEach((m) => (m.value[0] = 1)); // never the wire format's magic byte 0
    await bed.publishRaw(bed.topic('in'), junk);
    await bed.publish(bed.topic('in'), items(5, 'good'));
    await eventually('the partition is committed to its end', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 405n, 60_000);
    expect(ids(await bed.readAll(bed.topic('out')))).toEqual(items(5, 'good').map((i) => i.id));
    const dead = await bed.readAll(bed.topic('dlq'), { raw: true });
    expect(dead).toHaveLength(400);
    expect(new Set(dead.map((d) => d.headers[HEADERS.errorCode]))).toEqual(new Set(['WIRE_FORMAT_INVALID']));
  }, 120_000);

  it('publishes a 900 KB record fanned out three times, and dead-letters one that can never fit its topic', async () => {
    // The input takes 2 MB records; the output and the DLQ keep Kafka's default of ~1 MiB.
    await bed.createTopics({ in: 1 }, [{ name: 'max.message.bytes', value: String(2 * 1024 * 1024) }]);
    await bed.createTopics({ out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const observer = new RecordingObserver();
    await bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')], { fanOut: 3 }), { observer }).start();
    // One request each: together they would exceed even the input topic's 2 MB batch limit.
    for (const item of [
      { id: 'large', body: 'L'.repeat(900_000) },
      { id: 'too-large', body: 'T'.repeat(1_200_000) },
      { id: 'small', body: 's' },
    ]) {
      await bed.publish(bed.topic('in'), [item]);
    }
    await eventually('the partition is committed to its end', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 3n, 60_000);
    expect(ids(await bed.readAll(bed.topic('out')))).toEqual(['large', 'large', 'large', 'small', 'small', 'small']);
    const [dead] = await bed.readAll(bed.topic('dlq'), { raw: true });
    expect(dead.headers[HEADERS.errorCode]).toBe('RECORD_TOO_LARGE');
    // Its dead letter cannot hold the 1.2 MB original either: the source position leads back to it.
    expect(dead.raw).toBeNull();
    expect(dead.headers[HEADERS.sourceOffset]).toBe('1');
  }, 120_000);

  it('halts, dead-letters nothing and reports not-ready while an output schema is not registered; resumes once it is', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'));
    const observer = new RecordingObserver();
    const logger = new RecordingLogger();
    const runner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer, logger });
    await runner.start();
    await bed.publish(bed.topic('in'), items(10, 'h'));
    await eventually('the partition halts', () => observer.halts.get(`${bed.topic('in')}:0`) === 'SCHEMA_NOT_REGISTERED', 30_000);
    expect(runner.isReady()).toBe(false);
    expect(runner.notReadyReasons().join()).toContain('halted (SCHEMA_NOT_REGISTERED)');
    expect(logger.lines.filter((l) => l.includes('HALTED'))).toHaveLength(1);
    expect(await bed.committedOffset(bed.topic('in'), 0)).toBe(-1n);

    await bed.registerSchemas(bed.topic('out'));
    await eventually('the partition resumes and commits', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 10n, 30_000);
    expect(ids(await bed.readAll(bed.topic('out')))).toEqual(items(10, 'h').map((i) => i.id));
    expect(observer.deadLetters).toEqual([]);
    await eventually('ready again', () => runner.isReady(), 10_000);
  }, 120_000);

  it('halts while an output topic does not exist, and resumes once it is created', async () => {
    await bed.createTopics({ in: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const observer = new RecordingObserver();
    const runner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer });
    await runner.start();
    await bed.publish(bed.topic('in'), items(4, 'm'));
    await eventually('the partition halts', () => observer.halts.get(`${bed.topic('in')}:0`) === 'TOPIC_MISSING', 90_000);
    expect(runner.notReadyReasons().join()).toContain('halted (TOPIC_MISSING)');
    await bed.createTopics({ out: 1 });
    await eventually('the partition resumes and commits', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 4n, 90_000);
    expect(ids(await bed.readAll(bed.topic('out')))).toEqual(items(4, 'm').map((i) => i.id));
    expect(observer.deadLetters).toEqual([]);
  }, 180_000);

  it('resumes a partition that was halted, moved to another instance and assigned back', async () => {
    await bed.createTopics({ in: 2, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const observer = new RecordingObserver();
    const first = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer, haltRetryMs: 60_000 });
    await first.start();
    await bed.publish(bed.topic('in'), items(3, 'a'), { partition: 0 });
    await bed.publish(bed.topic('in'), items(3, 'b'), { partition: 1 });
    await eventually('both partitions halt', () => [0, 1].every((p) => observer.halts.get(`${bed.topic('in')}:${p}`) === 'TOPIC_MISSING'), 90_000);
    // A second instance takes one halted partition away (its own output topic never exists, so it
    // commits nothing); the topic is created meanwhile; then it leaves and the first owns both again.
    const second = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('never')]));
    await second.start();
    await eventually('one partition moved away', () => [...observer.lags.values()].some((lag) => lag === null), 60_000);
    await bed.createTopics({ out: 2 });
    await second.stop();
    // The halt retry (60 s) is not what resumes them: their new ownership is.
    await eventually('both partitions commit', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 3n && (await bed.committedOffset(bed.topic('in'), 1)) === 3n, 50_000);
    expect(ids(await bed.readAll(bed.topic('out'))).sort()).toEqual([...items(3, 'a'), ...items(3, 'b')].map((i) => i.id).sort());
  }, 240_000);

  it('halts while Kafka denies writing to an output topic, dead-letters nothing, and resumes once it is allowed', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const allowWrites = await bed.denyWrites(bed.topic('out'));
    const observer = new RecordingObserver();
    const runner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { observer });
    try {
      await runner.start();
      await bed.publish(bed.topic('in'), items(4, 'acl'));
      await eventually('the partition halts', () => observer.halts.get(`${bed.topic('in')}:0`) === 'KAFKA_UNAUTHORIZED', 90_000);
      expect(runner.isReady()).toBe(false);
      expect(runner.notReadyReasons().join()).toContain('halted (KAFKA_UNAUTHORIZED)');
    } finally {
      await allowWrites();
    }
    await eventually('the partition resumes and commits', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 4n, 90_000);
    expect(ids(await bed.readAll(bed.topic('out')))).toEqual(items(4, 'acl').map((i) => i.id));
    expect(observer.deadLetters).toEqual([]);
  }, 180_000);

  it('halts while the registry refuses the service credentials, and resumes once they are accepted', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const gateway = await RefusingRegistryGateway.start(TEST_REGISTRY_URL);
    try {
      const observer = new RecordingObserver();
      const runner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), {
        observer,
        codec: new AvroSerde(new SchemaRegistryClient({ url: gateway.url }), bed.schemas),
      });
      gateway.refusing = true;
      await runner.start();
      await bed.publish(bed.topic('in'), items(6, 'r'));
      await eventually('the partition halts', () => observer.halts.get(`${bed.topic('in')}:0`) === 'REGISTRY_UNAUTHORIZED', 30_000);
      expect(runner.isReady()).toBe(false);
      gateway.refusing = false;
      await eventually('the partition resumes and commits', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 6n, 30_000);
      expect(ids(await bed.readAll(bed.topic('out')))).toEqual(items(6, 'r').map((i) => i.id));
      expect(observer.deadLetters).toEqual([]);
    } finally {
      await gateway.close();
    }
  }, 120_000);

  it('keeps a stuck partition lag rising, clears it when the partition moves to another instance, and isolates a poison record', async () => {
    await bed.createTopics({ in: 2, out: 2, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const observer = new RecordingObserver();
    const stage = new CopyStage([bed.topic('in')], [bed.topic('out')], {
      transform: (item) => (item.id === 'poison' ? fail(new FurnishError('EVENT_INVALID', 'id is poison', 'dead-letter')) : item),
    });
    const first = bed.runner(stage, { observer });
    const held = stage.hold();
    await first.start();
    await bed.publish(bed.topic('in'), items(20, 'p0'), { partition: 0 });
    await held.arrived;
    await bed.publish(bed.topic('in'), items(20, 'p0-more'), { partition: 0 });
    await eventually('lag of the stuck partition reaches 40', () => (observer.lags.get(`${bed.topic('in')}:0`) ?? 0) >= 40, 30_000);
    held.release();
    await eventually('caught up', () => observer.lags.get(`${bed.topic('in')}:0`) === 0, 30_000);

    // A second instance joins: each owns one partition now, and the first no longer reports lag
    // for the one it gave away.
    const second = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]));
    await second.start();
    await eventually('one partition moved away and its lag series was removed', () => [...observer.lags.values()].filter((lag) => lag === null).length === 1, 60_000);
    await bed.publish(bed.topic('in'), [{ id: 'poison', body: '' }, ...items(3, 'after')], { partition: 0 });
    await eventually('poison dead-lettered and the rest delivered', async () => (await bed.committedOffset(bed.topic('in'), 0)) === 44n, 60_000);
    expect(ids(await bed.readAll(bed.topic('out'))).filter((id) => id.startsWith('after'))).toEqual(['after-0', 'after-1', 'after-2']);
  }, 180_000);

  it('does not bring back the lag series of a partition moved away while a lag sample was in flight', async () => {
    await bed.createTopics({ in: 2, out: 2, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const real = RuntimeTestbed.client();
    const stalled = new StalledOffsetFetch();
    // The real client, except that the lag sampler's next committed-offset read can be held (a slow broker answer).
    const kafka = { consumer: real.consumer.bind(real), producer: real.producer.bind(real), admin: () => stalled.wrap(real.admin()) } as unknown as Kafka;
    const observer = new RecordingObserver();
    await bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { kafka, observer }).start();
    await bed.publish(bed.topic('in'), items(5, 'p0'), { partition: 0 });
    await bed.publish(bed.topic('in'), items(5, 'p1'), { partition: 1 });
    const lagOf = (partition: number) => observer.lags.get(`${bed.topic('in')}:${partition}`);
    await eventually('both partitions sampled at lag 0', () => lagOf(0) === 0 && lagOf(1) === 0, 30_000);

    const held = stalled.holdNext();
    await held.arrived;
    await bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')])).start();
    await eventually('one partition moved away and its lag series was removed', () => lagOf(0) === null || lagOf(1) === null, 60_000);
    const movedAway = lagOf(0) === null ? 0 : 1;
    held.release();
    await held.answered;
    // The held sample, and those after it, have had every chance to write.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(lagOf(movedAway)).toBeNull();
    expect(lagOf(1 - movedAway)).toBe(0);
  });

  it('fails liveness when kafkajs gives up on the consumer for good', async () => {
    await bed.createTopics({ in: 1, out: 1, dlq: 1 });
    await bed.registerSchemas(bed.topic('in'), bed.topic('out'));
    const kafka = RuntimeTestbed.client({ retry: { retries: 2, initialRetryTime: 100, restartOnFailure: async () => false } });
    const runner = bed.runner(new CopyStage([bed.topic('in')], [bed.topic('out')]), { kafka });
    await runner.start();
    await eventually('ready', () => runner.isReady(), 30_000);
    expect(runner.isLive()).toBe(true);
    // The input topic disappears under the running consumer: its fetches fail until kafkajs gives up.
    await bed.deleteTopic(bed.topic('in'));
    await eventually('liveness fails', () => !runner.isLive(), 90_000);
    expect(runner.notReadyReasons()).toContain('consumer crashed');
  }, 120_000);
});

/**
 * A gateway in front of the real registry that can answer 401, as a registry does when a service's
 * credentials are revoked or rotated without the service being updated.
 */
class RefusingRegistryGateway {
  refusing = false;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(upstream: string): Promise<RefusingRegistryGateway> {
    const target = new URL(upstream);
    const state = { refusing: () => false };
    const server = createServer((request, response) => {
      if (state.refusing()) {
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error_code: 401, message: 'Unauthorized' }));
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const path = (request.url ?? '').replace(/^\/gateway/, target.pathname);
        void fetch(`${target.origin}${path}`, { method: request.method, headers: { 'content-type': request.headers['content-type'] ?? 'application/json' }, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined })
          .then(async (upstreamResponse) => {
            response.writeHead(upstreamResponse.status, { 'content-type': upstreamResponse.headers.get('content-type') ?? 'application/json' });
            response.end(Buffer.from(await upstreamResponse.arrayBuffer()));
          })
          .catch(() => response.writeHead(502).end());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const gateway = new RefusingRegistryGateway(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/gateway`);
    state.refusing = () => gateway.refusing;
    return gateway;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Holds the next `fetchOffsets` of the admin clients it wraps until released; every other call goes straight through. */
class StalledOffsetFetch {
  private next: { arrive: () => void; gate: Promise<void>; answer: () => void } | undefined;

  holdNext(): { arrived: Promise<void>; release: () => void; answered: Promise<void> } {
    let arrive!: () => void;
    let release!: () => void;
    let answer!: () => void;
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const answered = new Promise<void>((resolve) => (answer = resolve));
    this.next = { arrive, gate: new Promise<void>((resolve) => (release = resolve)), answer };
    return { arrived, release, answered };
  }

  wrap(admin: Admin): Admin {
    return new Proxy(admin, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'fetchOffsets' || typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          const held = this.next;
          this.next = undefined;
          if (!held) return value.apply(target, args);
          held.arrive();
          const result = await value.apply(target, args);
          await held.gate;
          held.answer();
          return result;
        };
      },
    });
  }
}
