import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '@furnish/shared-stage-runtime';
import { TOPICS } from '@furnish/shared-contracts';
import { LedgerWatermark, type LedgerWatermarkOptions } from './ledger-watermark';
import { assertBrokerTime, checkBrokerTimeWhenReachable, refuseToRun, TopicTimestampTypeError } from './broker-time-check';

const LEDGER_ADMIN = Symbol('LEDGER_ADMIN');

const WATERMARK_OPTIONS = Symbol('WATERMARK_OPTIONS');

/**
 * The Kafka admin client the filter asks for consent-topic offsets by timestamp; at start-up it
 * refuses to run unless both topics the watermark compares use broker time.
 */
@Injectable()
class LedgerAdminLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(LEDGER_ADMIN) private readonly admin: Admin,
    @Inject(WATERMARK_OPTIONS) private readonly options: LedgerWatermarkOptions,
  ) {}

  private closing = false;
  private connecting: Promise<void> | undefined;

  private readonly logger = new Logger('consent-watermark');

  /**
   * Not awaited, and retried until the broker answers: start-up must not fail while Kafka is
   * down (the stage runner waits for it the same way, and reads nothing before it connects). Once
   * Kafka answers, the process ends if a topic the watermark compares lacks broker time.
   */
  onModuleInit(): void {
    this.connecting = checkBrokerTimeWhenReachable(this.admin, [TOPICS.loanEvents, this.options.consentTopic], () => this.closing, refuseToRun(this.logger));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.connecting;
    await this.admin.disconnect();
  }
}

/** Providers for a LedgerWatermark inside a stage module (they need the stage's Kafka client). */
export function ledgerWatermarkProviders(options: LedgerWatermarkOptions): Provider[] {
  return [
    { provide: LEDGER_ADMIN, inject: [KAFKA_CLIENT], useFactory: (kafka: Kafka) => kafka.admin() },
    { provide: WATERMARK_OPTIONS, useValue: options },
    LedgerAdminLifecycle,
    {
      provide: LedgerWatermark,
      inject: [LEDGER_ADMIN],
      useFactory: (admin: Admin) => new LedgerWatermark(admin, options),
    },
  ];
}

/**
 * For the ledger: refuse to run unless both topics the watermark compares use broker time. When
 * Kafka answers at start-up (within START_CHECK_MS) a misconfigured topic fails the start-up before
 * anything is consumed; otherwise the check goes on in the background and ends the process once
 * Kafka answers and a topic is found misconfigured.
 */
@Injectable()
class BrokerTimeCheck implements OnModuleInit, OnApplicationShutdown {
  private readonly admin: Admin;
  private readonly logger = new Logger('consent-ledger');
  private closing = false;
  private checking: Promise<void> | undefined;

  constructor(@Inject(KAFKA_CLIENT) kafka: Kafka) {
    this.admin = kafka.admin();
  }

  async onModuleInit(): Promise<void> {
    const topics = [TOPICS.loanEvents, TOPICS.consentEvents];
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.admin.connect().then(() => assertBrokerTime(this.admin, topics).then(() => true)),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), START_CHECK_MS))),
    ])
      .catch((error: unknown) => {
        if (error instanceof TopicTimestampTypeError) throw error;
        return false;
      })
      .finally(() => clearTimeout(timer));
    if (!answered) this.checking = checkBrokerTimeWhenReachable(this.admin, topics, () => this.closing, refuseToRun(this.logger));
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.checking;
    await this.admin.disconnect();
  }
}

/** How long start-up waits for Kafka to answer the check before going on with it in the background. */
const START_CHECK_MS = 5_000;

export const brokerTimeCheckProviders = (): Provider[] => [BrokerTimeCheck];
