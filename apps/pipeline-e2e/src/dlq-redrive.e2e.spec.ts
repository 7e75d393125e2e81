/**
 * Issue 15 point 4 on the real stack: a rejected event's dead letter holds no readable personal
 * data; a named operator opens it with the key ring, fixes and re-drives it; it reaches the bureau
 * exactly once however often it is re-driven (the filter's claim on its event id); every opening
 * and re-drive is in the audit; and a rotated key ring seals new dead letters under the new key
 * while the old ones still open.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { TOPICS, type OutboundRecord } from '@furnish/shared-contracts';
import { aBorrower, aStatement } from '@furnish/shared-contracts/testing';
import { DEAD_LETTER_HEADERS, DEVELOPMENT_DEAD_LETTER_KEYS, deadLetterKeyRef, HEADERS, parseDeadLetterKeys, sealedKeyId } from '@furnish/shared-stage-runtime';
import { PipelineClient, type CapturedRecord } from '@furnish/tools-kafka';
import { ConsentAudit } from './support/consent-audit';
import { services } from './support/services';
import { aFreshBorrower, consentFor, loanEventFor, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';

const WORKSPACE = path.resolve(__dirname, '../../..');
const FILTER_DLQ = TOPICS.deadLetter['consent-filter'];
const PBOC = TOPICS.outbound['pboc-crc'];

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run dlq -- …` as an operator runs it, against this stack. */
function dlq(args: readonly string[], env: Record<string, string | undefined> = { FURNISH_ENV: 'local' }): Promise<CliResult> {
  return new Promise((resolve) => {
    // The stack's connection settings, without whatever key ring or mode this shell has: each call says its own.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !['DLQ_KEK_FILE', 'DLQ_KEK_CURRENT', 'FURNISH_ENV'].includes(name)));
    execFile(process.execPath, ['tools/run.js', 'apps/dlq/src/main.ts', ...args], { cwd: WORKSPACE, env: { ...inherited, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const addressOf = (dead: CapturedRecord) => `consent-filter:${dead.partition}:${dead.offset}`;

describe('a dead-letter queue without readable personal data, with an audited re-drive (issue 15 point 4)', () => {
  const kafka = new PipelineClient();
  const audit = new ConsentAudit();
  const db = new Client({ connectionString: TEST_DATABASE_URL });
  const ids = aFreshBorrower();
  // Canaries: personal data that must never be readable in the DLQ topic.
  // A Chinese name PBOC's rules accept (a real borrower's must reach the bureau), random so it is findable.
  const canaryName = `金${String.fromCodePoint(...[...randomBytes(3)].map((b) => 0x4e00 + b * 40))}`;
  const canaryEmail = `canary-${randomUUID().slice(0, 8)}@example.com`;
  // The month-end event, which PBOC reports (a drawdown alone it does not).
  const event = loanEventFor(ids, {
    eventType: 'STATEMENT_CLOSED',
    occurredAt: new Date('2024-05-31T16:05:00Z'),
    transaction: null,
    statement: aStatement(),
    borrower: aBorrower({ borrowerId: ids.borrowerId, fullName: canaryName, email: canaryEmail }),
  });
  let capture: Awaited<ReturnType<PipelineClient['capture']>>;
  let dead: CapturedRecord;
  beforeAll(async () => {
    await db.connect();
    capture = await kafka.capture([FILTER_DLQ, PBOC]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['PBOC_CRC'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
  });
  afterAll(async () => {
    await kafka.close();
    await audit.close();
    await db.end();
  });

  it('dead-letters an event published under the wrong key, sealed: no canary in its key, value or headers, only the allowed headers', async () => {
    // An upstream bug: keyed by the borrower id instead of the account id (KEY_MISMATCH at the filter).
    await kafka.publish(TOPICS.loanEvents, ids.borrowerId, event);
    [dead] = await capture.waitFor((r) => r.topic === FILTER_DLQ && r.sourceKey === ids.borrowerId, 1);
    const readable = Buffer.concat([Buffer.from(`${dead.key}\n${JSON.stringify(dead.headers)}\n`), dead.raw!]);
    for (const canary of [canaryName, canaryEmail, ids.borrowerId, ids.accountId, event.eventId, event.borrower.idNumber]) {
      expect({ canary, found: readable.includes(Buffer.from(canary, 'utf8')) }).toEqual({ canary, found: false });
    }
    expect(Object.keys(dead.headers).filter((name) => !DEAD_LETTER_HEADERS.includes(name))).toEqual([]);
    expect(dead.headers).toMatchObject({ [HEADERS.stage]: 'consent-filter', [HEADERS.errorCode]: 'KEY_MISMATCH', [HEADERS.sourceTopic]: TOPICS.loanEvents });
    expect(dead.headers[HEADERS.sourceSchemaId]).toMatch(/^\d+$/);
    expect(dead.key).toBe(deadLetterKeyRef(kafka.deadLetterKeys.current, Buffer.from(ids.borrowerId)));
    expect(sealedKeyId(dead.raw)).toBe('local-development');
  });

  it('lists it without payload, and opens it only for a named operator holding the key', async () => {
    const listed = await dlq(['list', '--stage', 'consent-filter']);
    expect(listed.code).toBe(0);
    const line = listed.stdout.split('\n').find((l) => l.startsWith(`${addressOf(dead)} `));
    expect(line).toContain('KEY_MISMATCH');
    expect(line).toContain(`${TOPICS.loanEvents}:${dead.headers[HEADERS.sourcePartition]}:${dead.headers[HEADERS.sourceOffset]}`);
    expect(listed.stdout).not.toContain(canaryName);

    const anonymous = await dlq(['show', addressOf(dead)]);
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr).toContain('--operator <id> is required');
    // Outside local mode without a key file: refused at start-up, naming the variable.
    const keyless = await dlq(['show', addressOf(dead), '--operator', 'mallory'], {});
    expect(keyless.code).toBe(1);
    expect(keyless.stderr).toContain('DLQ_KEK_FILE: is not set');
    expect(`${anonymous.stdout}${keyless.stdout}${keyless.stderr}`).not.toContain(canaryName);

    const shown = await dlq(['show', addressOf(dead), '--operator', 'alice']);
    expect(shown.stderr).toBe('');
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`original key: "${ids.borrowerId}"`);
    expect(shown.stdout).toContain(canaryName);
    expect(shown.stdout).toContain(`event id ${event.eventId}`);
    expect(shown.stdout).toMatch(/alice opened dead letter consent-filter:/);
  });

  it('re-drives it with the corrected key; the event reaches the bureau exactly once, a second re-drive is suppressed by the claim on its event id, and both are audited', async () => {
    const first = await dlq(['redrive', addressOf(dead), '--operator', 'alice', '--key', ids.accountId]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toContain(`to ${TOPICS.loanEvents} partition`);
    const [furnished] = await capture.waitFor<OutboundRecord>((r) => r.topic === PBOC && (r.value as OutboundRecord).sourceEventId === event.eventId, 1, 120_000);
    expect(furnished.sourceKey).toBe(ids.accountId);

    const second = await dlq(['redrive', addressOf(dead), '--operator', 'bob', '--key', ids.accountId]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('re-driven 1× before');
    // The filter decides the second delivery as a DUPLICATE (its claim on the event id), furnishing nothing.
    for (const deadline = Date.now() + 60_000; ; ) {
      const trail = await audit.trailOf([event.eventId]);
      if (trail.some((row) => row.decision === 'DUPLICATE')) break;
      if (Date.now() > deadline) throw new Error(`no DUPLICATE decision for the second re-drive: ${JSON.stringify(trail)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const settled = await capture.settled((r) => r.topic === PBOC && (r.value as OutboundRecord).sourceEventId === event.eventId, 3_000);
    expect(settled).toHaveLength(1);

    const { rows } = await db.query<{ action: string; operator: string; event_id: string; target_topic: string | null; key_replaced: boolean }>(
      `SELECT action, operator, event_id, target_topic, key_replaced FROM dead_letter_access WHERE dlq_topic = $1 AND dlq_partition = $2 AND dlq_offset = $3 ORDER BY id`,
      [FILTER_DLQ, dead.partition, dead.offset],
    );
    expect(rows.map((r) => `${r.action} ${r.operator}`)).toEqual(['SHOWN alice', 'REDRIVE_STARTED alice', 'REDRIVEN alice', 'REDRIVE_STARTED bob', 'REDRIVEN bob']);
    expect(rows.every((r) => r.event_id === event.eventId)).toBe(true);
    expect(rows.filter((r) => r.action !== 'SHOWN').every((r) => r.target_topic === TOPICS.loanEvents && r.key_replaced)).toBe(true);
    await expect(db.query(`DELETE FROM dead_letter_access WHERE event_id = $1`, [event.eventId])).rejects.toThrow(/append-only/);

    const why = await new Promise<string>((resolve) =>
      execFile(process.execPath, ['tools/run.js', 'apps/consent-reports/src/main.ts', 'why', event.eventId, 'pboc-crc'], { cwd: WORKSPACE }, (_e, stdout) => resolve(stdout)),
    );
    expect(why).toMatch(/alice re-drove dead letter consent-filter:\d+:\d+ \(KEY_MISMATCH\) to lending\.loan-events\.v1 partition \d+ offset \d+ with a corrected key/);
    expect(why).toMatch(/bob re-drove dead letter/);
  });

  it('after rotation, new dead letters are sealed under the new key, and the old ones still open with the rotated ring', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'furnish-dlq-rotation-'));
    const ringFile = path.join(dir, 'dlq-keys');
    const newKey = randomBytes(32).toString('base64');
    writeFileSync(ringFile, `${DEVELOPMENT_DEAD_LETTER_KEYS}\nrotated-1:${newKey}\n`);
    const rotated = { FURNISH_ENV: 'local', DLQ_KEK_FILE: ringFile, DLQ_KEK_CURRENT: 'rotated-1' };
    const other = aFreshBorrower();
    try {
      await services.stop('consent-filter');
      await services.start('consent-filter', 0, { DLQ_KEK_FILE: ringFile, DLQ_KEK_CURRENT: 'rotated-1' });
      await kafka.publish(TOPICS.loanEvents, other.borrowerId, loanEventFor(other));
      // The test client's ring lacks the new key, so it finds the dead letter by its keyed hash instead.
      const ref = deadLetterKeyRef(parseDeadLetterKeys(`rotated-1:${newKey}`).current, Buffer.from(other.borrowerId));
      const [sealedNew] = await capture.waitFor((r) => r.topic === FILTER_DLQ && r.key === ref, 1, 60_000);
      expect(sealedKeyId(sealedNew.raw)).toBe('rotated-1');

      const newWithOld = await dlq(['show', addressOf(sealedNew), '--operator', 'alice']);
      expect(newWithOld.code).toBe(1);
      expect(newWithOld.stderr).toContain('sealed under key rotated-1, which DLQ_KEK_FILE does not hold');
      const newWithRotated = await dlq(['show', addressOf(sealedNew), '--operator', 'alice'], rotated);
      expect(newWithRotated.stdout).toContain(`original key: "${other.borrowerId}"`);
      const oldWithRotated = await dlq(['show', addressOf(dead), '--operator', 'alice'], rotated);
      expect(oldWithRotated.stdout).toContain(canaryName);
    } finally {
      await services.stop('consent-filter');
      await services.start('consent-filter');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
