import type { SyntheticMonth } from '../synthetic-month.generator';
import { syntheticRecords, type SyntheticRecord } from './synthetic-records';

/** What the publisher needs from a Kafka client: PipelineClient from @furnish/tools-kafka fits. */
export interface BulkPublisher {
  publishMany(topic: string, records: readonly { readonly key: string; readonly value: unknown }[], options?: { readonly batchSize?: number }): Promise<void>;
}

export interface PublishOptions {
  /** Messages per produce request; 1 publishes one message at a time. */
  readonly batchSize?: number;
  /** Called after each chunk with the count published so far. */
  readonly onProgress?: (published: number, total: number) => void;
}

export interface PublishResult {
  readonly consentEvents: number;
  readonly loanEvents: number;
  readonly elapsedMs: number;
}

export const DEFAULT_BATCH_SIZE = 500;
/** Records handed to the publisher per call: progress granularity, and bounds the encoded bytes in memory. */
const CHUNK = 10_000;

/**
 * Publishes the month: every consent event (key = borrower id), then every loan event (key =
 * account id), each topic in order. The consent filter waits for the ledger, so no pause is needed
 * between the two.
 */
export async function publishSyntheticMonth(publisher: BulkPublisher, month: Pick<SyntheticMonth, 'consentEvents' | 'loanEvents'>, options: PublishOptions = {}): Promise<PublishResult> {
  const started = performance.now();
  const total = month.consentEvents.length + month.loanEvents.length;
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  let published = 0;
  let pending: SyntheticRecord[] = [];
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    await publisher.publishMany(pending[0].topic, pending, { batchSize });
    published += pending.length;
    pending = [];
    options.onProgress?.(published, total);
  };
  for (const record of syntheticRecords(month)) {
    if (pending.length > 0 && (pending.length >= CHUNK || pending[0].topic !== record.topic)) await flush();
    pending.push(record);
  }
  await flush();
  return { consentEvents: month.consentEvents.length, loanEvents: month.loanEvents.length, elapsedMs: performance.now() - started };
}
