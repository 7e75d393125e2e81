import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { lastValueFrom } from 'rxjs';
import type { InputRecord, RecordOutcome, Stage } from '@furnish/shared-stage-api';
import { KAFKA_EXACTLY_ONCE_TRANSPORT, STAGE_HANDLER_EXTRA, StageChunkContext } from './stage-handler.decorator';
import type { StageRunner } from './stage-runner';

export interface KafkaExactlyOnceServerOptions {
  /**
   * The controller whose @StageHandler Nest registered here, resolved once the application is up:
   * the rest of the Stage contract (name, output topics, `settled`) is read from it.
   */
  readonly stage: () => Stage<unknown>;
  readonly createRunner: (stage: Stage<unknown>) => StageRunner;
}

/** The stage's handlers do not fit the runtime: a programming error, reported at start-up. */
export class StageHandlerDeclarationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StageHandlerDeclarationError';
  }
}

/**
 * The exactly-once stage runtime as a Nest transport. Nest registers the @StageHandler methods of
 * the service's controllers here; `listen` builds a StageRunner over them (one consumer group,
 * per-partition transactional producers) and starts it in the background, so health and metrics
 * answer while Kafka is away; `close`, called by Nest on shutdown, lets the in-flight chunks commit
 * (or abandons them uncommitted), leaves the group and closes the producers.
 *
 * Unlike Nest's ServerKafka, which hands over one message and commits offsets by itself, the handler
 * is given a whole chunk of one partition and its outcomes commit with the chunk's offsets in one
 * transaction: a per-message handler would give a transaction per record.
 */
export class KafkaExactlyOnceServer extends Server implements CustomTransportStrategy {
  override readonly transportId = KAFKA_EXACTLY_ONCE_TRANSPORT;
  private runner: StageRunner | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: KafkaExactlyOnceServerOptions) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    try {
      this.runner = this.options.createRunner(this.stageOverHandlers());
    } catch (error) {
      callback(error);
      return;
    }
    this.running = this.runner.start();
    callback();
  }

  async close(): Promise<void> {
    if (!this.runner) return;
    await this.runner.stop();
    await this.running;
  }

  /** Why the stage cannot make progress now; empty when it can. */
  notReadyReasons(): string[] {
    return this.runner ? this.runner.notReadyReasons() : ['stage not started'];
  }

  /** False once the Kafka consumer has crashed for good: only a restart brings it back. */
  isLive(): boolean {
    return this.runner?.isLive() ?? true;
  }

  on(): never {
    throw new Error('KafkaExactlyOnceServer has no events to listen to; see the readiness reasons and metrics');
  }

  unwrap<T>(): T {
    if (!this.runner) throw new Error('KafkaExactlyOnceServer is not listening');
    return this.runner as T;
  }

  /** The Stage the runner drives: `process` goes through Nest's handler (pipes, interceptors, filters) for the chunk's topic. */
  private stageOverHandlers(): Stage<unknown> {
    const stage = this.options.stage();
    const handlers = new Map<string, MessageHandler>();
    for (const [topic, handler] of this.getHandlers()) handlers.set(topic, checkedHandler(topic, handler));
    const declared = [...stage.inputTopics].sort();
    const handled = [...handlers.keys()].sort();
    if (JSON.stringify(declared) !== JSON.stringify(handled)) {
      throw new StageHandlerDeclarationError(`stage ${stage.name} declares input topics [${declared.join(', ')}] but has @StageHandler methods for [${handled.join(', ')}]`);
    }
    const process = async (records: readonly InputRecord<unknown>[]): Promise<readonly RecordOutcome[]> => {
      const { topic, partition } = records[0];
      const result = await handlers.get(topic)!(records, new StageChunkContext([topic, partition]));
      return lastValueFrom(this.transformToObservable(result)) as Promise<readonly RecordOutcome[]>;
    };
    // Only the input topics and `process` are the server's; everything else (name, observed and output
    // topics, `settled`) is read through to the controller, so a Stage field added later cannot be
    // dropped here, as observedTopics once was.
    const overrides: Pick<Stage<unknown>, 'inputTopics' | 'process'> = { inputTopics: handled, process };
    return Object.assign(Object.create(stage) as Stage<unknown>, overrides);
  }
}

function checkedHandler(topic: string, handler: MessageHandler): MessageHandler {
  if (!handler.isEventHandler) throw new StageHandlerDeclarationError(`${topic}: a stage consumes events; declare its handler with @StageHandler, not @MessagePattern`);
  if (handler.next) throw new StageHandlerDeclarationError(`${topic}: more than one handler; a topic's chunks go to exactly one @StageHandler`);
  if (handler.extras?.[STAGE_HANDLER_EXTRA] !== true) {
    throw new StageHandlerDeclarationError(`${topic}: declared with @EventPattern alone; use @StageHandler so the stage's errors reach the runtime with their disposition`);
  }
  return handler;
}
