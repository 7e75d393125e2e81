import { TOPICS, isDeletionRecordKind, type ConsentEvent, type OutboundRecord } from '@furnish/shared-contracts';
import { whyReport } from '@furnish/consent-data-access-reports';
import type { generateSyntheticMonth } from '@furnish/lending-synthetic';
import type { Capture, CapturedRecord, PipelineClient } from '../kafka';

const DELETABLE: readonly string[] = Object.values(TOPICS.outbound);

/**
 * Issue 15's consent found invalid, once: the consent behind a record already on an outbound topic
 * is invalidated (a new version with action INVALIDATED); the formatter sends each
 * bureau a deletion (PBOC 214, Baihang opCode D, Metro 2 DA) of every record furnished under it, and `why` shows original → deletion.
 */
export async function demonstrateInvalidation(
  client: PipelineClient,
  capture: Capture,
  records: readonly CapturedRecord[],
  databaseUrl: string,
  month: ReturnType<typeof generateSyntheticMonth>,
): Promise<void> {
  // Every report under the consent captured so far (the re-drive step may have added one since `records`).
  const furnished = (consentId: string) =>
    capture.records.filter((r) => DELETABLE.includes(r.topic) && (r.value as OutboundRecord).consentId === consentId && !isDeletionRecordKind((r.value as OutboundRecord).recordKind));
  const picked = records.find((r) => DELETABLE.includes(r.topic));
  const consentId = picked && (picked.value as OutboundRecord).consentId;
  const latest = month.consentEvents.filter((c) => c.consentId === consentId).sort((a, b) => b.version - a.version)[0];
  if (!consentId || !latest) {
    console.log('\nconsent found invalid: no record furnished in this month; skipped');
    return;
  }
  const originals = furnished(consentId);
  const invalidation: ConsentEvent = { ...latest, version: latest.version + 1, action: 'INVALIDATED', expiresAt: null, recordedAt: new Date() };
  console.log(`\nconsent found invalid: consent ${consentId} (${originals.length} record(s) furnished under it) is invalidated as version ${invalidation.version}`);
  await client.publish(TOPICS.consentEvents, invalidation.borrowerId, invalidation);
  const isMine = (r: CapturedRecord) => DELETABLE.includes(r.topic) && isDeletionRecordKind((r.value as OutboundRecord).recordKind) && (r.value as OutboundRecord).consentId === consentId;
  await capture.waitFor(isMine, originals.length, 120_000);
  const deletions = await capture.settled(isMine, 3_000);
  const kinds = new Map<string, number>();
  for (const d of deletions) kinds.set((d.value as OutboundRecord).recordKind, (kinds.get((d.value as OutboundRecord).recordKind) ?? 0) + 1);
  console.log(`  deletions on the outbound topics: ${deletions.length} (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}), one per furnished record`);
  const eventId = (originals[0].value as OutboundRecord).sourceEventId;
  const answer = await whyReport({ eventId, databaseUrl });
  const chain = answer.split('\n').find((line) => line.includes('→ DELETED'));
  console.log(`  npm run why -- ${eventId}:\n    ${chain ?? answer.split('\n')[0]}`);
}
