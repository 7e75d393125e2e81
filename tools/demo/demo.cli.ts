/**
 * `npm run demo`: brings the stack up (installing and fetching what is missing), publishes a small
 * sample of consent and loan events, and prints what reached each outbound and dead-letter topic.
 */
import { TOPICS } from '@furnish/shared-contracts';
import { PipelineClient, type CapturedRecord } from '../kafka';
import { ensureStack, formatStatusTable } from '../stack';
import { sampleBorrowers } from './sample-events';

const QUIET_MS = 4_000;
const MAX_WAIT_MS = 90_000;

async function main(): Promise<void> {
  const status = await ensureStack({ services: true });
  console.log(`\n${formatStatusTable(status.components)}\n`);

  const client = new PipelineClient();
  const watched = [...Object.values(TOPICS.minimised), ...Object.values(TOPICS.outbound), ...Object.values(TOPICS.deadLetter)];
  const capture = await client.capture(watched);
  const borrowers = sampleBorrowers();
  const ours = new Set(borrowers.map((b) => b.accountId));

  for (const borrower of borrowers) {
    for (const consent of borrower.consents) await client.publish(TOPICS.consentEvents, consent.borrowerId, consent);
  }
  // No pause needed: the filter waits until the ledger has applied every consent event published before a loan event.
  let published = 0;
  for (const borrower of borrowers) {
    for (const event of borrower.events) {
      await client.publish(TOPICS.loanEvents, borrower.accountId, event);
      published++;
    }
  }
  console.log(`published ${borrowers.reduce((n, b) => n + b.consents.length, 0)} consent events and ${published} loan events for ${borrowers.length} borrowers:`);
  for (const b of borrowers) console.log(`  ${b.accountId}  ${b.label}`);

  await waitUntilQuiet(capture.records, MAX_WAIT_MS);
  const mine = capture.records.filter((r) => r.key !== null && ours.has(r.key));
  console.log('\nwhat reached each topic:');
  for (const topic of watched) {
    const records = mine.filter((r) => r.topic === topic);
    console.log(`  ${topic.padEnd(36)} ${String(records.length).padStart(3)} record(s)${describe(records)}`);
  }
  console.log('\nmetrics: http://127.0.0.1:9101/metrics … :9104/metrics; logs: .stack/logs/; stop with npm run stack:down');
  await client.close();
}

function describe(records: CapturedRecord[]): string {
  const first = records[0];
  if (!first) return '';
  if (first.topic.startsWith('furnish.dlq.')) return `  first error: ${first.headers['x-furnish-error-code']}`;
  const value = first.value as { payload?: string; recordKind?: string };
  if (value.payload) return `  first: ${value.recordKind} ${value.payload.slice(0, 120)}${value.payload.length > 120 ? '…' : ''}`;
  return `  accounts: ${[...new Set(records.map((r) => r.key))].join(', ')}`;
}

async function waitUntilQuiet(records: readonly unknown[], maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  let seen = -1;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (records.length !== seen) {
      seen = records.length;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= QUIET_MS && seen > 0) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
