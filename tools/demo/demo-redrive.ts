import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { BUREAUS, TOPICS, type Bureau, type LoanEvent, type OutboundRecord } from '@furnish/shared-contracts';
import { createConsentDataSource, DeadLetterAccessRepository } from '@furnish/consent-data-access';
import { formatDeadLetterAddress, parseDeadLetterAddress, redriveDeadLetter, renderAccess, showDeadLetter, type DeadLetterTools } from '@furnish/consent-dead-letters';
import type { generateSyntheticMonth } from '@furnish/lending-synthetic';
import type { Capture, PipelineClient } from '../kafka';

const OPERATOR = 'demo-operator';

/**
 * Issue 15's DLQ re-drive, once: a month-end event of a consented borrower published under the
 * wrong key (the borrower id) is dead-lettered sealed; an operator opens it, re-drives it with the
 * account id as key, and it reaches the bureau; a second re-drive is suppressed by the filter's
 * claim on the event id. Prints what the DLQ topic shows, what the operator saw and the audit.
 */
export async function demonstrateRedrive(
  client: PipelineClient,
  capture: Capture,
  databaseUrl: string,
  month: ReturnType<typeof generateSyntheticMonth>,
): Promise<void> {
  const picked = reportableEvent(month);
  if (!picked) {
    console.log('\nDLQ re-drive: no month-end event released to a bureau in this month; skipped');
    return;
  }
  const { original, bureau } = picked;
  const event: LoanEvent = { ...original, eventId: randomUUID() };
  console.log(`\nDLQ re-drive: a month-end event for ${bureau} published under the borrower id instead of the account id`);
  await client.publish(TOPICS.loanEvents, event.borrower.borrowerId, event);
  const [dead] = await capture.waitFor((r) => r.topic === TOPICS.deadLetter['consent-filter'] && r.sourceKey === event.borrower.borrowerId, 1, 120_000);
  const readable = `${dead.key}${JSON.stringify(dead.headers)}${dead.raw?.toString('latin1') ?? ''}`;
  const leaks = [event.borrower.borrowerId, event.borrower.fullName, event.borrower.idNumber, event.account.accountId].filter((pii) => readable.includes(pii) || dead.raw?.includes(Buffer.from(pii)));
  console.log(`  dead letter on ${dead.topic}: key ${dead.key} (a keyed hash), ${dead.raw?.length ?? 0} sealed bytes; headers ${Object.keys(dead.headers).join(', ')}`);
  console.log(`  borrower id, name, id number or account id readable in it: ${leaks.length === 0 ? 'none' : leaks.length}`);

  const database = createConsentDataSource({ url: databaseUrl, applicationName: 'furnish-demo', poolSize: 1 });
  await database.initialize();
  try {
    const tools: DeadLetterTools = { kafka: client.kafka, database, keys: client.deadLetterKeys, decoder: client.serde };
    const address = parseDeadLetterAddress(`consent-filter:${dead.partition}:${dead.offset}`);
    const shown = await showDeadLetter(tools, address, OPERATOR);
    console.log(`  npm run dlq -- show ${formatDeadLetterAddress(address)} --operator ${OPERATOR}: ${shown.summary.errorCode}, original key ${shown.original.key?.length ?? 0} bytes, event id ${shown.eventId}`);
    const outbound = TOPICS.outbound[bureau];
    const furnished = (r: { topic: string; value: unknown }) => r.topic === outbound && (r.value as OutboundRecord).sourceEventId === event.eventId;
    for (const attempt of [1, 2]) {
      const result = await redriveDeadLetter(tools, address, { operator: OPERATOR, key: event.account.accountId });
      console.log(`  re-drive ${attempt} → ${result.topic} partition ${result.partition} offset ${result.offset}`);
      if (attempt === 1) await capture.waitFor(furnished, 1, 180_000);
    }
    const duplicate = await waitForDuplicate(database, event.eventId);
    const copies = (await capture.settled(furnished, 3_000)).length;
    console.log(`  on ${outbound}: ${copies} record of the event (second re-drive ${duplicate ? 'suppressed as DUPLICATE by the event-id claim' : 'not decided yet'})`);
    console.log(`  audit (dead_letter_access; the re-drives also in npm run why -- ${event.eventId}):`);
    for (const row of await new DeadLetterAccessRepository(database).forDeadLetter(address.topic, address.partition, address.offset)) console.log(renderAccess(row));
  } finally {
    await database.destroy();
  }
}

/** A month-end event (every bureau reports those) the generator expects released to some bureau. */
function reportableEvent(month: ReturnType<typeof generateSyntheticMonth>): { original: LoanEvent; bureau: Bureau } | undefined {
  for (const original of month.loanEvents) {
    if (original.eventType !== 'STATEMENT_CLOSED') continue;
    const bureau = BUREAUS.find((b) => month.expectedDecisions.get(original.eventId)?.[b].released);
    if (bureau) return { original, bureau };
  }
  return undefined;
}

async function waitForDuplicate(database: DataSource, eventId: string): Promise<boolean> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 500))) {
    const rows = await database.query(`SELECT 1 FROM consent_decision_entry WHERE event_id = $1 AND decision = 'DUPLICATE'`, [eventId]);
    if (rows.length > 0) return true;
  }
  return false;
}
