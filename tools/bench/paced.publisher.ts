import type { Producer } from 'kafkajs';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchMessage } from './gated-batch';

export interface PublishResult {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly sent: number;
  /** Achieved rate, events/s. */
  readonly perSecond: number;
}

const MAX_SEND = 2_000;

/**
 * Publishes pre-encoded messages at `perSecond` (Infinity: as fast as the broker takes them) with
 * an idempotent producer, acks all. Pacing is by schedule: every `tickMs` one send carries every
 * message due by then (as a producer lingering `tickMs` would batch them), and a slow send is
 * caught up by the next, so the average rate holds. Latency is measured from the broker's append
 * time, so the batching at the source is not part of it.
 */
export async function publishPaced(producer: Producer, messages: readonly BenchMessage[], perSecond: number, tickMs = 10): Promise<PublishResult> {
  const startedAt = Date.now();
  const t0 = performance.now();
  let sent = 0;
  while (sent < messages.length) {
    const elapsed = performance.now() - t0;
    const due = Number.isFinite(perSecond) ? Math.min(messages.length, Math.floor((elapsed / 1000) * perSecond) + 1) : messages.length;
    if (due > sent) {
      const batch = messages.slice(sent, Math.min(due, sent + MAX_SEND));
      await producer.sendBatch({
        acks: -1,
        topicMessages: groupByTopic(batch),
      });
      sent += batch.length;
    } else {
      await sleep(Math.max(1, Math.max(tickMs, ((sent + 1) / perSecond) * 1000 - elapsed)));
    }
  }
  const endedAt = Date.now();
  return { startedAt, endedAt, sent, perSecond: sent / Math.max(0.001, (endedAt - startedAt) / 1000) };
}

function groupByTopic(messages: readonly BenchMessage[]) {
  const byTopic = new Map<string, Array<Omit<BenchMessage, 'topic'>>>();
  for (const { topic, key, value, headers } of messages) {
    const list = byTopic.get(topic) ?? [];
    list.push({ key, value, headers });
    byTopic.set(topic, list);
  }
  return [...byTopic].map(([topic, list]) => ({ topic, messages: list }));
}
