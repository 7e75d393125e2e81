import { randomUUID } from 'node:crypto';
import { TOPICS, isDeletionRecordKind, type LoanEvent, type OutboundRecord } from '@furnish/shared-contracts';
import { whyReport } from '@furnish/consent-data-access-reports';
import type { generateSyntheticMonth } from '@furnish/lending-synthetic';
import type { Capture, CapturedRecord, PipelineClient } from '../kafka';

const OUTBOUND: readonly string[] = Object.values(TOPICS.outbound);

/**
 * Issue 15's upstream correction, once: the lender corrects an event already furnished (loan-event
 * v3, a new event id with `corrects: {eventId, kind: CORRECTION}` and the corrected snapshot); each
 * bureau that received the original gets its own correction — PBOC 212 by segment, Baihang opCode
 * M, Metro 2 CorrectionIndicator 1 — and `why` shows original → correction. The event is picked
 * under another consent than `avoidConsentId` (the invalidation step's), so the two steps stay apart.
 */
export async function demonstrateCorrection(
  client: PipelineClient,
  capture: Capture,
  records: readonly CapturedRecord[],
  databaseUrl: string,
  month: ReturnType<typeof generateSyntheticMonth>,
  avoidConsentId: string | undefined,
): Promise<void> {
  const events = new Map(month.loanEvents.map((e) => [e.eventId, e]));
  const reports = records.filter((r) => OUTBOUND.includes(r.topic) && r.value && !isDeletionRecordKind((r.value as OutboundRecord).recordKind));
  // Prefer an event more than one bureau received, to show each its own form.
  const bureausOf = (eventId: string) => new Set(reports.filter((r) => (r.value as OutboundRecord).sourceEventId === eventId).map((r) => r.topic));
  const candidates = reports.filter((r) => events.has((r.value as OutboundRecord).sourceEventId) && (r.value as OutboundRecord).consentId !== avoidConsentId);
  const picked = [...candidates].sort((a, b) => bureausOf((b.value as OutboundRecord).sourceEventId).size - bureausOf((a.value as OutboundRecord).sourceEventId).size)[0];
  if (!picked) {
    console.log('\na correction: no furnished event in this month to correct; skipped');
    return;
  }
  const original = events.get((picked.value as OutboundRecord).sourceEventId) as LoanEvent;
  const reached = [...bureausOf(original.eventId)];
  const correction: LoanEvent = { ...original, eventId: randomUUID(), corrects: { eventId: original.eventId, kind: 'CORRECTION' } };
  console.log(`\na correction: the lender corrects ${original.eventType} ${original.eventId} (furnished to ${reached.length} bureau(s)) with event ${correction.eventId}`);
  await client.publish(TOPICS.loanEvents, correction.account.accountId, correction);
  const isMine = (r: CapturedRecord) => OUTBOUND.includes(r.topic) && (r.value as OutboundRecord | null | undefined)?.sourceEventId === correction.eventId;
  await capture.waitFor(isMine, reached.length, 120_000);
  const sent = await capture.settled(isMine, 3_000);
  const byTopic = new Map<string, string[]>();
  for (const r of sent) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), (r.value as OutboundRecord).recordKind]);
  for (const [topic, kinds] of byTopic) {
    const counts = new Map<string, number>();
    for (const k of kinds) counts.set(k, (counts.get(k) ?? 0) + 1);
    console.log(`  ${topic}: ${[...counts].map(([k, n]) => `${n} × ${k}`).join(', ')}`);
  }
  const answer = await whyReport({ eventId: correction.eventId, databaseUrl });
  const chain = answer.split('\n').find((line) => line.includes('CORRECTION SENT'));
  console.log(`  npm run why -- ${correction.eventId}:\n    ${chain ?? answer.split('\n')[0]}`);
}
