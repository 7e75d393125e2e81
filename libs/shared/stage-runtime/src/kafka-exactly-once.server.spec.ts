import { Controller, type INestApplication, type OnApplicationShutdown, Injectable, Module, type Type } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { EncodedValue, emit, type InputRecord, type RecordOutcome, type SettledRecord, type Stage } from '@furnish/shared-stage-api';
import { FurnishError } from '@furnish/shared-util-errors';
import { KafkaExactlyOnceServer, StageHandlerDeclarationError } from './kafka-exactly-once.server';
import { MessageHeaders } from './kafka-headers';
import { KAFKA_EXACTLY_ONCE_TRANSPORT, STAGE_HANDLER_EXTRA, StageChunkContext, StageHandler } from './stage-handler.decorator';
import type { StageRunner } from './stage-runner';

// The transport's wiring only: which handler Nest registers, what the runner is given, when it
// starts and stops. The runner itself (real Kafka) is covered by stage-runner.integration.spec.ts.

const record = (topic: string, partition: number, value: unknown): InputRecord<unknown> => ({
  key: 'k',
  value,
  topic,
  partition,
  offset: '0',
  timestamp: new Date(0),
  headers: new MessageHeaders({}),
  encoded: EncodedValue.ofValue(value),
});

/** Stands in for StageRunner: records the Stage it is built over and the calls Nest's lifecycle makes. */
class RunnerProbe {
  stage: Stage<unknown> | undefined;
  readonly calls: string[] = [];
  start = async () => void this.calls.push('start');
  stop = async () => void this.calls.push('stop');
  notReadyReasons = () => ['not a member of its consumer group'];
  isLive = () => true;
}

const ORDER: string[] = [];

@Injectable()
class ShutdownWitness implements OnApplicationShutdown {
  onApplicationShutdown(): void {
    ORDER.push('database pool closed');
  }
}

async function hybridApp(controller: Type): Promise<{ app: INestApplication; probe: RunnerProbe; server: KafkaExactlyOnceServer }> {
  const probe = new RunnerProbe();
  @Module({ controllers: [controller], providers: [ShutdownWitness] })
  class TestStageModule {}
  const moduleRef = await Test.createTestingModule({ imports: [TestStageModule] }).compile();
  const server = new KafkaExactlyOnceServer({
    stage: () => moduleRef.get(controller),
    createRunner: (stage) => {
      probe.stage = stage;
      probe.stop = async () => void ORDER.push('runner stopped');
      return probe as unknown as StageRunner;
    },
  });
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  app.connectMicroservice({ strategy: server });
  return { app, probe, server };
}

class RecordAtFault extends FurnishError {
  constructor() {
    super('EVENT_INVALID', 'field x is missing', 'dead-letter');
  }
}

@Controller()
class CopyController implements Stage<unknown> {
  readonly name = 'copy';
  readonly inputTopics = ['in.a', 'in.b'];
  readonly observedTopics = ['in.b'];
  readonly outputTopics = ['out'];
  readonly contexts: [string, number][] = [];
  readonly settledCalls: number[] = [];

  @StageHandler(['in.a', 'in.b'])
  async process(@Payload() records: readonly InputRecord<unknown>[], @Ctx() context?: StageChunkContext): Promise<readonly RecordOutcome[]> {
    this.contexts.push([context!.getTopic(), context!.getPartition()]);
    if (records.some((r) => r.value === 'bad')) throw new RecordAtFault();
    return records.map((r) => emit({ topic: 'out', key: r.key!, value: r.value }));
  }

  async settled(records: readonly SettledRecord<unknown>[]): Promise<void> {
    this.settledCalls.push(records.length);
  }
}

describe('KafkaExactlyOnceServer', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    ORDER.length = 0;
  });

  it('builds the runner over the @StageHandler Nest discovered: its topics, and name, outputs and settled from the controller', async () => {
    const started = await hybridApp(CopyController);
    app = started.app;
    await app.startAllMicroservices();
    const stage = started.probe.stage!;
    expect(stage.name).toBe('copy');
    expect([...stage.inputTopics].sort()).toEqual(['in.a', 'in.b']);
    expect(stage.outputTopics).toEqual(['out']);
    expect(stage.observedTopics).toEqual(['in.b']);
    expect(typeof (stage as Partial<{ settled: unknown }>).settled).toBe('function');
    expect(started.probe.calls).toEqual(['start']);
    // settled runs on the controller itself (its own state), not on a copy.
    await (stage as unknown as { settled(records: readonly SettledRecord<unknown>[]): Promise<void> }).settled([{ record: record('in.a', 0, 'v'), outputs: [] }]);
    expect(app.get(CopyController).settledCalls).toEqual([1]);
  });

  it('passes each chunk through Nest to the handler with its topic and partition, and returns its outcomes', async () => {
    const started = await hybridApp(CopyController);
    app = started.app;
    await app.startAllMicroservices();
    const outcomes = await started.probe.stage!.process([record('in.b', 3, 'v1'), record('in.b', 3, 'v2')]);
    expect(outcomes).toEqual([emit({ topic: 'out', key: 'k', value: 'v1' }), emit({ topic: 'out', key: 'k', value: 'v2' })]);
    expect(app.get(CopyController).contexts).toEqual([['in.b', 3]]);
  });

  it("hands the handler's error to the runner unchanged, so its disposition decides (dead-letter here)", async () => {
    const started = await hybridApp(CopyController);
    app = started.app;
    await app.startAllMicroservices();
    const failure = await started.probe.stage!.process([record('in.a', 0, 'bad')]).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RecordAtFault);
    expect((failure as FurnishError).disposition).toBe('dead-letter');
  });

  it("Nest's default RPC filter would replace that error (why @StageHandler brings its own filter)", async () => {
    @Controller()
    class WithoutPassthrough extends CopyController {
      @EventPattern(['in.a', 'in.b'], KAFKA_EXACTLY_ONCE_TRANSPORT, { [STAGE_HANDLER_EXTRA]: true })
      override async process(@Payload() records: readonly InputRecord<unknown>[], @Ctx() context?: StageChunkContext): Promise<readonly RecordOutcome[]> {
        return super.process(records, context);
      }
    }
    const started = await hybridApp(WithoutPassthrough);
    app = started.app;
    await app.startAllMicroservices();
    const failure = await started.probe.stage!.process([record('in.a', 0, 'bad')]).catch((e: unknown) => e);
    expect(failure).not.toBeInstanceOf(FurnishError);
    expect(failure).toEqual({ status: 'error', message: 'Internal server error' });
  });

  it('reports readiness and liveness from the runner once listening, not-ready before', async () => {
    const started = await hybridApp(CopyController);
    app = started.app;
    expect(started.server.notReadyReasons()).toEqual(['stage not started']);
    await app.startAllMicroservices();
    expect(started.server.notReadyReasons()).toEqual(['not a member of its consumer group']);
    expect(started.server.isLive()).toBe(true);
  });

  it("closing the application stops the runner before other providers' shutdown hooks (the database pool)", async () => {
    const started = await hybridApp(CopyController);
    await started.app.startAllMicroservices();
    await started.app.close();
    expect(ORDER).toEqual(['runner stopped', 'database pool closed']);
  });

  describe('refuses to start when the handlers do not fit the runtime', () => {
    const startFails = async (controller: Type): Promise<unknown> => {
      const started = await hybridApp(controller);
      app = started.app;
      return app.startAllMicroservices().then(
        () => undefined,
        (e: unknown) => e,
      );
    };

    it('a handler declared with @EventPattern alone (its errors would lose their disposition)', async () => {
      @Controller()
      class Plain extends CopyController {
        @EventPattern(['in.a', 'in.b'])
        override async process(records: readonly InputRecord<unknown>[]): Promise<readonly RecordOutcome[]> {
          return super.process(records, new StageChunkContext(['in.a', 0]));
        }
      }
      const error = await startFails(Plain);
      expect(error).toBeInstanceOf(StageHandlerDeclarationError);
      expect((error as Error).message).toMatch(/^in\.a: declared with @EventPattern alone; use @StageHandler/);
    });

    it('a @MessagePattern (request-response) handler', async () => {
      @Controller()
      class RequestResponse {
        readonly name = 'rr';
        readonly inputTopics = ['in.a'];
        readonly outputTopics = [];
        @MessagePattern('in.a', KAFKA_EXACTLY_ONCE_TRANSPORT)
        async process(): Promise<readonly RecordOutcome[]> {
          return [];
        }
      }
      expect(String(await startFails(RequestResponse))).toContain('in.a: a stage consumes events; declare its handler with @StageHandler, not @MessagePattern');
    });

    it('two handlers for one topic', async () => {
      @Controller()
      class Twice extends CopyController {
        @StageHandler('in.a')
        async again(): Promise<readonly RecordOutcome[]> {
          return [];
        }
      }
      expect(String(await startFails(Twice))).toContain('in.a: more than one handler');
    });

    it('declared input topics that differ from the handled ones', async () => {
      @Controller()
      class Mismatch extends CopyController {
        override readonly inputTopics = ['in.a', 'in.b', 'in.c'];
      }
      expect(String(await startFails(Mismatch))).toContain('stage copy declares input topics [in.a, in.b, in.c] but has @StageHandler methods for [in.a, in.b]');
    });
  });
});
