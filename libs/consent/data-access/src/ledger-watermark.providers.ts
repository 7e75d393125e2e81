import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit, type Provider } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '@furnish/shared-stage-runtime';
import { LedgerWatermark, type LedgerWatermarkOptions } from './ledger-watermark';

const LEDGER_ADMIN = Symbol('LEDGER_ADMIN');

/** The Kafka admin client the filter asks for consent-topic offsets by timestamp. */
@Injectable()
class LedgerAdminLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(LEDGER_ADMIN) private readonly admin: Admin) {}

  private closing = false;
  private connecting: Promise<void> | undefined;

  /**
   * Not awaited, and retried until the broker answers: start-up must not fail while Kafka is
   * down (the stage runner waits for it the same way, and reads nothing before it connects).
   */
  onModuleInit(): void {
    this.connecting = (async () => {
      for (let attempt = 1; !this.closing; attempt++) {
        try {
          await this.admin.connect();
          return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 500 * 2 ** Math.min(attempt, 6))));
        }
      }
    })();
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
    LedgerAdminLifecycle,
    {
      provide: LedgerWatermark,
      inject: [LEDGER_ADMIN],
      useFactory: (admin: Admin) => new LedgerWatermark(admin, options),
    },
  ];
}
