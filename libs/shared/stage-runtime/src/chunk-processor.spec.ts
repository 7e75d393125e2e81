import type { KafkaMessage } from 'kafkajs';
import { EncodedValue, emit, fail, NO_OP_OBSERVER, type InputRecord, type SettledRecord, type Stage, type StageObserver } from '@furnish/shared-stage-api';
import { FurnishError } from '@furnish/shared-util-errors';
import { processChunk, type ChunkControl, type RecordCodec } from './chunk-processor';
import { decodeOriginal, openDeadLetter } from './dead-letter-envelope';
import { parseDeadLetterKeys } from './dead-letter-keys';
import { StageStoppingError } from './errors';
import { DEAD_LETTER_HEADERS, HEADERS } from './headers';

interface Event {
  id: string;
  poison?: boolean;
  unencodable?: boolean;
}

/** JSON stands in for Avro here: these specs are about the runtime's rules, not the wire format. */
const jsonCodec: RecordCodec = {
  encode: async (_topic, value) => {
    if ((value as Event).unencodable) throw new FurnishError('AVRO_ENCODE_INVALID', 'value does not match schema at: id', 'dead-letter');
    return Buffer.from(JSON.stringify(value));
  },
  decodeRecord: async <T>(_topic: string, message: Buffer | null) => {
    try {
      const value = JSON.parse(message!.toString()) as T;
      return { value, encoded: EncodedValue.ofValue<unknown>(value) };
    } catch {
      throw new FurnishError('WIRE_FORMAT_INVALID', 'not JSON', 'dead-letter');
    }
  },
};

const message = (offset: number, value: string, headers: KafkaMessage['headers'] = {}): KafkaMessage =>
  ({ key: Buffer.from(`k${offset}`), value: Buffer.from(value), offset: String(offset), timestamp: String(1_000 + offset), headers, attributes: 0 }) as unknown as KafkaMessage;

const events = (...ids: (string | Event)[]): KafkaMessage[] =>
  ids.map((id, i) => message(i, JSON.stringify(typeof id === 'string' ? { id } : id)));

const keys = parseDeadLetterKeys(`spec:${Buffer.alloc(32, 7).toString('base64')}`);

/** The original message inside a dead letter of stage test-stage read from topic `in`. */
const opened = (dead: { value: Buffer | string | null; headers?: KafkaMessage['headers'] }, partition: number) =>
  decodeOriginal(openDeadLetter(keys, { stage: 'test-stage', sourceTopic: 'in', sourcePartition: partition, sourceOffset: String(dead.headers![HEADERS.sourceOffset]) }, dead.value as Buffer));

const control: ChunkControl = { heartbeat: async () => undefined, shouldStop: () => false, sleep: async () => undefined };

function stageOf(process: Stage<Event>['process']): Stage<Event> {
  return { name: 'test-stage', inputTopics: ['in'], outputTopics: ['out'], process };
}

const passThrough = async (records: readonly InputRecord<Event>[]) => records.map((r) => emit({ topic: 'out', key: r.key!, value: r.value }));

function run(stage: Stage<Event>, messages: KafkaMessage[], options: { observer?: StageObserver; control?: ChunkControl } = {}) {
  return processChunk(
    {
      stage: stage as Stage<unknown>,
      codec: jsonCodec,
      deadLetterTopic: 'dlq',
      deadLetterKeys: keys,
      retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 },
      observer: options.observer ?? NO_OP_OBSERVER,
    },
    { topic: 'in', partition: 2, messages },
    options.control ?? control,
  );
}

const valuesOn = (result: Awaited<ReturnType<typeof run>>, topic: string) =>
  (result.topicMessages.find((t) => t.topic === topic)?.messages ?? []).map((m) => JSON.parse(String(m.value)) as Event);

const headersOn = (result: Awaited<ReturnType<typeof run>>, topic: string) =>
  (result.topicMessages.find((t) => t.topic === topic)?.messages ?? []).map((m) => m.headers ?? {});

describe('processChunk', () => {
  describe('settlement hook (SettlementAware stages)', () => {
    const settledStage = (process: Stage<Event>['process'], settled: (records: readonly SettledRecord<Event>[]) => Promise<void>) => ({ ...stageOf(process), settled });
    const summaryOf = (records: readonly SettledRecord<Event>[]) =>
      records.map((s) => ('failure' in s ? `${s.record.value.id} ${s.failure.code}` : `${s.record.value.id} ${s.outputs.length} out`));

    it('reports every decoded record with what is committed for it, dead letters found after process included', async () => {
      const seen: string[][] = [];
      const stage = settledStage(
        async (records) =>
          records.map((r) => (r.value.poison ? fail(new FurnishError('EVENT_INVALID', 'bad', 'dead-letter')) : r.value.id === 'quiet' ? emit() : emit({ topic: 'out', key: r.key!, value: r.value }))),
        async (records) => void seen.push(summaryOf(records)),
      );
      const messages = [...events('a', { id: 'p', poison: true }, 'quiet', { id: 'u', unencodable: true }), message(4, 'not json')];
      const result = await run(stage, messages);
      expect(seen).toEqual([['a 1 out', 'p EVENT_INVALID', 'quiet 0 out', 'u AVRO_ENCODE_INVALID']]);
      expect(result.deadLetters.map((d) => d.code)).toEqual(['EVENT_INVALID', 'AVRO_ENCODE_INVALID', 'WIRE_FORMAT_INVALID']);
    });

    it('fails the chunk when the hook fails, so nothing is committed without its audit', async () => {
      const stage = settledStage(passThrough, async () => {
        throw new Error('audit database gone');
      });
      await expect(run(stage, events('a'))).rejects.toThrow('audit database gone');
    });
  });

  it('publishes outputs in input order and stamps the origin time', async () => {
    const result = await run(stageOf(passThrough), events('a', 'b', 'c'));
    expect(valuesOn(result, 'out').map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(headersOn(result, 'out').map((h) => h[HEADERS.originTime])).toEqual(['1000', '1001', '1002']);
    expect(result.deadLetters).toEqual([]);
  });

  it('keeps an origin time already carried by the input', async () => {
    const result = await run(stageOf(passThrough), [message(7, '{"id":"a"}', { [HEADERS.originTime]: Buffer.from('42') })]);
    expect(headersOn(result, 'out')[0][HEADERS.originTime]).toBe('42');
    expect(result.originTimes).toEqual([42]);
  });

  it('skips an undecodable message of a topic the stage only observes: its owner dead-letters it, once', async () => {
    const observer: Stage<Event> = { ...stageOf(passThrough), observedTopics: ['in'] };
    const result = await run(observer, [message(0, 'not json'), ...events('a').map((m) => ({ ...m, offset: '1' }))]);
    expect(result.deadLetters).toEqual([]);
    expect(result.topicMessages.find((t) => t.topic === 'dlq')).toBeUndefined();
    expect(valuesOn(result, 'out')).toEqual([{ id: 'a' }]);
  });

  it('dead-letters an undecodable message with its source and reason, and processes the rest', async () => {
    const result = await run(stageOf(passThrough), [message(0, '{"id":"a"}'), message(1, 'not json'), message(2, '{"id":"c"}')]);
    expect(valuesOn(result, 'out').map((e) => e.id)).toEqual(['a', 'c']);
    const dlq = result.topicMessages.find((t) => t.topic === 'dlq')!.messages;
    expect(dlq).toHaveLength(1);
    expect(String(dlq[0].value)).not.toContain('not json');
    expect(opened(dlq[0], 2)).toEqual({ key: Buffer.from('k1'), value: Buffer.from('not json'), headers: [] });
    expect(dlq[0].headers).toMatchObject({
      [HEADERS.stage]: 'test-stage',
      [HEADERS.errorCode]: 'WIRE_FORMAT_INVALID',
      [HEADERS.errorMessage]: 'not JSON',
      [HEADERS.sourceTopic]: 'in',
      [HEADERS.sourcePartition]: '2',
      [HEADERS.sourceOffset]: '1',
      [HEADERS.sourceTimestamp]: '1001',
    });
    expect(result.deadLetters.map((d) => d.code)).toEqual(['WIRE_FORMAT_INVALID']);
  });

  it('dead-letters records the stage rejects', async () => {
    const stage = stageOf(async (records) =>
      records.map((r) => (r.value.poison ? fail(new FurnishError('EVENT_INVALID', 'accountId is missing', 'dead-letter')) : emit())),
    );
    const result = await run(stage, events('a', { id: 'b', poison: true }));
    expect(result.deadLetters.map((d) => d.code)).toEqual(['EVENT_INVALID']);
    expect(headersOn(result, 'dlq')[0][HEADERS.errorMessage]).toBe('accountId is missing');
  });

  it('isolates a record that makes the whole batch throw, dead-letters only it, and hides its message', async () => {
    const calls: string[][] = [];
    const stage = stageOf(async (records) => {
      calls.push(records.map((r) => r.value.id));
      if (records.some((r) => r.value.poison)) throw new TypeError('secret value 6222 in message');
      return passThrough(records);
    });
    const result = await run(stage, events('a', { id: 'p', poison: true }, 'c'));
    expect(valuesOn(result, 'out').map((e) => e.id)).toEqual(['a', 'c']);
    expect(result.deadLetters.map((d) => d.code)).toEqual(['PROCESSING_FAILED']);
    expect(headersOn(result, 'dlq')[0][HEADERS.errorMessage]).toBe('stage failed with unexpected TypeError');
    // 3 attempts on the batch, then one call per record (3 attempts for the poison one).
    expect(calls.filter((c) => c.length === 3)).toHaveLength(3);
    expect(calls.filter((c) => c.length === 1 && c[0] === 'p')).toHaveLength(3);
  });

  it('waits out an unavailable dependency without dead-lettering, reporting the wait', async () => {
    let failuresLeft = 10;
    const waiting: boolean[] = [];
    const stage = stageOf(async (records) => {
      if (failuresLeft-- > 0) throw new FurnishError('DEPENDENCY_UNAVAILABLE', 'database unreachable', 'wait');
      return passThrough(records);
    });
    const reporting: ChunkControl = { ...control, waiting: (active) => void waiting.push(active) };
    const result = await run(stage, events('a', 'b'), { control: reporting });
    expect(valuesOn(result, 'out')).toHaveLength(2);
    expect(result.deadLetters).toEqual([]);
    expect(waiting).toEqual([true, false]);
  });

  it('waits, never dead-letters, when Kafka itself fails from stage code (an admin call after kafkajs gave up retrying)', async () => {
    let failuresLeft = 3;
    const stage = stageOf(async (records) => {
      if (failuresLeft-- > 0) throw Object.assign(new Error('Connection timeout'), { name: 'KafkaJSNumberOfRetriesExceeded' });
      return passThrough(records);
    });
    const result = await run(stage, events('a'));
    expect(result.deadLetters).toEqual([]);
    expect(valuesOn(result, 'out')).toHaveLength(1);
  });

  it.each([
    ['the registry refusing its credentials', new FurnishError('REGISTRY_UNAUTHORIZED', 'schema registry rejected GET (401)', 'halt')],
    ['a topic the broker does not know', Object.assign(new Error('This server does not host this topic-partition'), { name: 'KafkaJSProtocolError', type: 'UNKNOWN_TOPIC_OR_PARTITION' })],
    ['an ACL refusing the topic', Object.assign(new Error('Not authorized to access topics'), { name: 'KafkaJSProtocolError', type: 'TOPIC_AUTHORIZATION_FAILED' })],
  ])('halts the whole chunk, dead-lettering nothing, on %s', async (_name, error) => {
    const stage = stageOf(async () => {
      throw error;
    });
    await expect(run(stage, events('a', 'b'))).rejects.toMatchObject({ disposition: 'halt' });
  });

  it('halts when an output schema is not registered, instead of dead-lettering valid records', async () => {
    const codec: RecordCodec = {
      ...jsonCodec,
      encode: async () => {
        throw new FurnishError('SCHEMA_NOT_REGISTERED', 'the local schema for out-value is not registered', 'halt');
      },
    };
    const attempt = processChunk(
      { stage: stageOf(passThrough) as Stage<unknown>, codec, deadLetterTopic: 'dlq', deadLetterKeys: keys, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }, observer: NO_OP_OBSERVER },
      { topic: 'in', partition: 0, messages: events('a') },
      control,
    );
    await expect(attempt).rejects.toMatchObject({ code: 'SCHEMA_NOT_REGISTERED' });
  });

  it('dead-letters a record whose output would not fit its topic, and keeps the rest', async () => {
    // The output topic takes record batches of at most 1,000 bytes (max.message.bytes); the DLQ 1 MiB.
    const limitOf = (topic: string) => (topic === 'out' ? 1_000 : 1_048_588);
    const result = await processChunk(
      { stage: stageOf(passThrough) as Stage<unknown>, codec: jsonCodec, deadLetterTopic: 'dlq', deadLetterKeys: keys, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }, observer: NO_OP_OBSERVER, limitOf },
      { topic: 'in', partition: 0, messages: events('a', { id: 'x'.repeat(2_000) }, 'c') },
      control,
    );
    expect(valuesOn(result, 'out').map((e) => e.id)).toEqual(['a', 'c']);
    expect(result.deadLetters.map((d) => d.code)).toEqual(['RECORD_TOO_LARGE']);
  });

  it('leaves the value out of a dead letter that would not fit the DLQ, saying what was left out', async () => {
    const limitOf = () => 2_000;
    const big = message(5, `not json ${'x'.repeat(5_000)}`, { trace: Buffer.from('t') });
    const result = await processChunk(
      { stage: stageOf(passThrough) as Stage<unknown>, codec: jsonCodec, deadLetterTopic: 'dlq', deadLetterKeys: keys, retry: { maxAttempts: 3, initialDelayMs: 1, maxDelayMs: 2 }, observer: NO_OP_OBSERVER, limitOf },
      { topic: 'in', partition: 0, messages: [big] },
      control,
    );
    const [dead] = result.topicMessages.find((t) => t.topic === 'dlq')!.messages;
    expect(dead.value).toBeNull();
    expect(dead.headers).toMatchObject({ [HEADERS.errorCode]: 'WIRE_FORMAT_INVALID', [HEADERS.sourceOffset]: '5', [HEADERS.omitted]: 'key=2,value=5009,headers=1' });
  });

  it('processes a record with null and non-UTF-8 header values, and dead-letters one with its headers sealed as they were', async () => {
    const headers = { empty: null, binary: Buffer.from([0xff, 0xfe, 0x00]), [HEADERS.originTime]: Buffer.from([0xc3, 0x28]) } as unknown as KafkaMessage['headers'];
    const result = await run(stageOf(passThrough), [message(0, '{"id":"a"}', headers), message(1, 'not json', headers)]);
    expect(valuesOn(result, 'out').map((e) => e.id)).toEqual(['a']);
    // An unreadable origin-time header falls back to the record's broker time.
    expect(result.originTimes).toEqual([1_000]);
    const [dead] = result.topicMessages.find((t) => t.topic === 'dlq')!.messages;
    expect(Object.keys(dead.headers!).filter((name) => !DEAD_LETTER_HEADERS.includes(name))).toEqual([]);
    expect(opened(dead, 2).headers).toEqual([
      ['empty', null],
      ['binary', Buffer.from([0xff, 0xfe, 0x00])],
      [HEADERS.originTime, Buffer.from([0xc3, 0x28])],
    ]);
  });

  it('gives up a wait when the runner stops, so nothing is committed', async () => {
    const stage = stageOf(async () => {
      throw new FurnishError('DEPENDENCY_UNAVAILABLE', 'database unreachable', 'wait');
    });
    let stop = false;
    const stopping: ChunkControl = { ...control, sleep: async () => void (stop = true), shouldStop: () => stop };
    await expect(run(stage, events('a'), { control: stopping })).rejects.toBeInstanceOf(StageStoppingError);
  });

  it('dead-letters a record whose output cannot be encoded, with none of its outputs', async () => {
    const stage = stageOf(async (records) =>
      records.map((r) => emit({ topic: 'out', key: 'k', value: { id: `${r.value.id}-1` } }, { topic: 'out', key: 'k', value: { ...r.value, id: `${r.value.id}-2` } })),
    );
    const result = await run(stage, events('a', { id: 'b', unencodable: true }));
    expect(valuesOn(result, 'out').map((e) => e.id)).toEqual(['a-1', 'a-2']);
    expect(result.deadLetters.map((d) => d.code)).toEqual(['AVRO_ENCODE_INVALID']);
  });

  it('treats output to an undeclared topic as a bug in the stage', async () => {
    const stage = stageOf(async (records) => records.map(() => emit({ topic: 'elsewhere', key: 'k', value: {} })));
    const result = await run(stage, events('a'));
    expect(result.deadLetters.map((d) => d.code)).toEqual(['PROCESSING_FAILED']);
    expect(headersOn(result, 'dlq')[0][HEADERS.errorMessage]).toContain('undeclared topic elsewhere');
  });

  it('treats a wrong number of outcomes as a bug in the stage', async () => {
    const result = await run(stageOf(async () => []), events('a', 'b'));
    expect(result.deadLetters.map((d) => d.code)).toEqual(['PROCESSING_FAILED', 'PROCESSING_FAILED']);
    expect(headersOn(result, 'dlq')[0][HEADERS.errorMessage]).toBe('stage returned 0 outcomes for 1 records');
  });
});
