/**
 * `npm run demo`: brings the stack up (installing and fetching what is missing), publishes a
 * generated month of a lender's loan and consent events, shows progress, and ends with a summary:
 * events in, released per bureau, withheld by reason, dead letters by reason, end-to-end latency,
 * a dead letter re-driven and a rejected PBOC record re-sent (issue 15), one submission file per bureau,
 * and where the metrics are.
 */
import path from 'node:path';
import { Client } from 'pg';
import { BUREAUS, isDeadLetterTopic, isOutboundTopic, TOPICS, type OutboundRecord } from '@furnish/shared-contracts';
import { formatSummary, generateSyntheticMonth, publishSyntheticMonth } from '@furnish/lending-synthetic';
import { FILTER_DECISION_SQL, RELEASED_OR_WITHHELD_SQL } from '@furnish/consent-data-access';
import { endOffsets, PipelineClient, pipelineInputTopics, waitUntilDrained, type CapturedRecord } from '../kafka';
import { ensureStack, formatStatusTable, SERVICES } from '../stack';
import { FURNISHER_IDENTITY_SETTINGS as IDENTITY, furnisherIdentityFor, writeSubmissionFile } from '@furnish/tools-submission';
import { DEMO_USAGE, parseDemoArgs } from './demo-args';
import { demonstrateRedrive } from './demo-redrive';
import { demonstrateCorrection } from './demo-correction';
import { demonstrateFeedback } from './demo-feedback';
import { demonstrateInvalidation } from './demo-invalidation';

async function main(): Promise<void> {
  const args = parseDemoArgs(process.argv.slice(2));
  const status = await ensureStack({ services: true });
  console.log(`\n${formatStatusTable(status.components)}\n`);
  const brokers = status.config.kafka.brokers;

  const generated = Date.now();
  const month = generateSyntheticMonth({ borrowers: args.borrowers, seed: args.seed, month: args.month });
  console.log(`generated ${args.month} for ${args.borrowers.toLocaleString('en')} borrowers (seed ${args.seed}) in ${seconds(generated)}:`);
  console.log(indent(formatSummary(month.summary)));

  const client = new PipelineClient();
  const admin = client.kafka.admin();
  await admin.connect();
  const starts = await endOffsets(admin, pipelineInputTopics());
  const watched = [...Object.values(TOPICS.outbound), ...Object.values(TOPICS.deadLetter)];
  const capture = await client.capture(watched);

  const publishing = Date.now();
  await publishSyntheticMonth(client, month, {
    onProgress: (done, total) => progress(`publishing ${done.toLocaleString('en')} / ${total.toLocaleString('en')} events`),
  });
  progress(`published ${month.consentEvents.length.toLocaleString('en')} consent and ${month.loanEvents.length.toLocaleString('en')} loan events in ${seconds(publishing)}`, true);

  await waitUntilDrained(admin, starts, { onProgress: (stage, left) => progress(`${stage}: ${left.toLocaleString('en')} records to go`) });
  progress(`pipeline caught up ${seconds(publishing)} after publishing began`, true);
  await admin.disconnect();

  const ours = new Set(month.borrowers.flatMap((b) => b.accounts.map((a) => a.accountId)));
  const records = capture.records.filter((r) => r.sourceKey !== null && ours.has(r.sourceKey));
  await printDecisions(status.config.postgres.appUrl, month.loanEvents.map((e) => e.eventId), month.expectedDecisions);
  printOutbound(records);
  printDeadLetters(records);
  printLatency(records);
  await demonstrateRedrive(client, capture, status.config.postgres.appUrl, month);
  await demonstrateFeedback(client, capture, { databaseUrl: status.config.postgres.appUrl, brokers, registryUrl: status.config.registry.url }, month);
  const invalidated = records.find((r) => r.topic === TOPICS.outbound['pboc-crc'] || r.topic === TOPICS.outbound.baihang);
  await demonstrateCorrection(client, capture, records, status.config.postgres.appUrl, month, invalidated && (invalidated.value as OutboundRecord).consentId);
  await demonstrateInvalidation(client, capture, records, status.config.postgres.appUrl, month);
  await writeFiles(args, brokers, status.config.registry.url);
  console.log(`\nmetrics: ${SERVICES.map((s) => `http://127.0.0.1:${s.port}/metrics`).join('  ')}`);
  console.log('logs: .stack/logs/   why was an event (not) reported: npm run why -- <event-id>   stop: npm run stack:down');
  await client.close();
}

async function printDecisions(databaseUrl: string, eventIds: readonly string[], expected: ReturnType<typeof generateSyntheticMonth>['expectedDecisions']): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const { rows } = await db.query<{ bureau: string; decision: string; reason: string | null; count: string }>(
    `SELECT bureau, ${RELEASED_OR_WITHHELD_SQL} AS decision, reason, count(*) FROM consent_decision_entry WHERE event_id = ANY($1) AND ${FILTER_DECISION_SQL} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [eventIds],
  );
  await db.end();
  const expectedReleased = new Map<string, number>(BUREAUS.map((b) => [b, 0]));
  for (const decisions of expected.values()) for (const b of BUREAUS) if (decisions[b].released) expectedReleased.set(b, expectedReleased.get(b)! + 1);
  console.log('\nconsent decisions (loan event × bureau):');
  for (const bureau of BUREAUS) {
    const mine = rows.filter((r) => r.bureau === bureau);
    const released = Number(mine.find((r) => r.decision === 'RELEASED')?.count ?? 0);
    const withheld = mine.filter((r) => r.decision === 'WITHHELD').map((r) => `${r.reason!.toLowerCase()} ${Number(r.count).toLocaleString('en')}`);
    const check = released === expectedReleased.get(bureau) ? 'as the generator expected' : `generator expected ${expectedReleased.get(bureau)}`;
    console.log(`  ${bureau.padEnd(9)} released ${released.toLocaleString('en').padStart(7)} (${check}); withheld: ${withheld.join(', ') || 'none'}`);
  }
}

function printOutbound(records: readonly CapturedRecord[]): void {
  console.log('\nrecords on the outbound topics:');
  for (const bureau of BUREAUS) {
    const mine = records.filter((r) => r.topic === TOPICS.outbound[bureau]);
    const kinds = new Map<string, number>();
    for (const r of mine) {
      const kind = (r.value as { recordKind: string }).recordKind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    console.log(`  ${TOPICS.outbound[bureau].padEnd(30)} ${mine.length.toLocaleString('en').padStart(7)}  ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }
}

function printDeadLetters(records: readonly CapturedRecord[]): void {
  const dead = records.filter((r) => isDeadLetterTopic(r.topic));
  const byReason = new Map<string, number>();
  for (const r of dead) {
    const key = `${r.headers['x-furnish-stage']} ${r.headers['x-furnish-error-code']}`;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  console.log(`\ndead letters: ${dead.length === 0 ? 'none' : [...byReason].map(([k, n]) => `${k} ${n}`).join(', ')}`);
}

function printLatency(records: readonly CapturedRecord[]): void {
  const samples = records
    .filter((r) => isOutboundTopic(r.topic))
    .map((r) => r.receivedAt - Number(r.headers['x-furnish-origin-time']))
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (samples.length === 0) return;
  const at = (p: number) => `${samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))].toLocaleString('en')} ms`;
  console.log(`\nend-to-end latency, published → committed on the outbound topic (the whole month arrives in one burst, so this includes its queueing):`);
  console.log(`  p50 ${at(50)}   p95 ${at(95)}   p99 ${at(99)}   (${samples.length.toLocaleString('en')} records)`);
}

/**
 * The demo lender's furnisher identity: fictitious, matching the synthetic lender's codes
 * (libs/lending/synthetic/src/synthetic-profile.ts). The settings in the environment win.
 */
const DEMO_FURNISHER_SETTINGS: NodeJS.ProcessEnv = {
  [IDENTITY.pbocInstitutionCode]: 'F330106000888S',
  [IDENTITY.baihangInstitutionId]: 'BH2026000888',
  [IDENTITY.reporterName]: 'FURNISH DEMO LENDER FICTITIOUS',
  [IDENTITY.reporterAddress]: '1 EXAMPLE WAY FICTITIOUS CITY ZZ 00000',
  [IDENTITY.transUnionProgramIdentifier]: 'DEMO000001',
};

async function writeFiles(args: ReturnType<typeof parseDemoArgs>, brokers: readonly string[], registryUrl: string): Promise<void> {
  const [year, month] = args.month.split('-').map(Number);
  const from = `${args.month}-01`;
  const to = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  console.log(`\nsubmission files for ${from}..${to}:`);
  for (const bureau of BUREAUS) {
    const identity = furnisherIdentityFor(bureau, {}, { ...DEMO_FURNISHER_SETTINGS, ...process.env });
    const written = await writeSubmissionFile({ bureau, from, to, outDir: args.outDir, brokers, registryUrl, identity });
    for (const file of written.files) console.log(`  ${bureau.padEnd(9)} ${path.relative(process.cwd(), file.path)} (${file.recordCount.toLocaleString('en')} records)`);
    if (written.files.length === 0) console.log(`  ${bureau.padEnd(9)} no records reported in the period`);
  }
}

let lastProgress = '';
function progress(line: string, done = false): void {
  if (!process.stdout.isTTY) {
    if (done || line.split(':')[0] !== lastProgress.split(':')[0]) console.log(line);
  } else {
    process.stdout.write(`\r\x1b[2K${line}${done ? '\n' : ''}`);
  }
  lastProgress = line;
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const indent = (text: string) => text.replace(/^/gm, '  ');

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(message.includes('usage:') ? message : `demo failed: ${message}\n${DEMO_USAGE}`);
  process.exit(1);
});
