import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ConsentDecisionRepository, ConsentLedgerRepository, FurnishedRecordRepository, type FurnishedRecordRow } from '@furnish/consent-data-access';
import { aStoredConsentEvent, openMigratedDatabase, ThrowawayDatabases } from '@furnish/consent-data-access/testing';
import { openEnvelope, parseKeyRing, sealEnvelope, type EnvelopeFormat } from '@furnish/shared-util-sealing';
import { ConsentInvalidation } from './consent-invalidation';

// The sealed copy of a published Metro 2 record (docs/consent.md, "Consent found invalid"), against
// real PostgreSQL: written in the publish transaction, never readable as plaintext, handed back to
// the deletion pass, erased in the transaction of the DELETED row.
const databases = new ThrowawayDatabases('furnish_sealed_record_test');
let dataSource: DataSource;
let furnished: FurnishedRecordRepository;
let decisions: ConsentDecisionRepository;
let ledger: ConsentLedgerRepository;
let invalidation: ConsentInvalidation;

const ring = parseKeyRing({ file: 'SPEC_KEK_FILE', current: 'SPEC_KEK_CURRENT', seals: 'spec records' }, `spec-1:${Buffer.alloc(32, 9).toString('base64')}`);
const ENVELOPE: EnvelopeFormat = { magic: 'SPC1', what: 'spec record', boundTo: 'this record id' };
const aad = (recordId: string) => (keyId: string) => Buffer.from(`${keyId}|${recordId}`);

/** Canary identification, as a Metro 2 Base segment carries it (surname, first name, SSN). */
const CANARY_SURNAME = 'CANARYSURNAME';
const CANARY_SSN = '987650123';
const payload = `0426${' '.repeat(227)}${CANARY_SURNAME.padEnd(25)}CANARYFIRST${' '.repeat(30)}${CANARY_SSN}`.padEnd(426);

beforeAll(async () => {
  dataSource = await openMigratedDatabase(databases, 'sealed-record-spec');
  furnished = new FurnishedRecordRepository(dataSource);
  decisions = new ConsentDecisionRepository(dataSource);
  ledger = new ConsentLedgerRepository(dataSource);
  invalidation = new ConsentInvalidation(furnished, decisions, null, null);
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await databases.dropAll();
});

/** Publishes one Metro 2 record under `consentId` as the formatter does: keys, sealed copy and PUBLISHED row in one transaction. */
async function publish(consentId: string, fail = false): Promise<FurnishedRecordRow & { eventId: string }> {
  const recordId = randomUUID().replace(/-/g, '');
  const eventId = randomUUID();
  const row = {
    recordId,
    bureau: 'metro2' as const,
    recordKind: 'METRO2_BASE' as const,
    accountKey: 'RL0000012345',
    outboundKey: 'RL0000012345',
    reportDate: '2024-05-31' as never,
    sealed: { bytes: sealEnvelope(ENVELOPE, ring.current, aad(recordId), Buffer.from(payload)), keyId: ring.current.id },
  };
  await invalidation.publishUnlessInvalidated([consentId], async (manager) => {
    await invalidation.recordFurnished([row], manager);
    const published = { eventId, bureau: 'metro2' as const, stage: 'bureau-formatter' as const, decision: 'PUBLISHED' as const, reason: null, consentId, consentVersion: 1, recordId, borrowerRef: null, eventOccurredAt: null };
    await decisions.append([published], new Date(), manager);
    if (fail) throw new Error('the Kafka side of the chunk failed');
  });
  return { ...row, eventId };
}

const rawColumn = async (recordId: string) =>
  (await dataSource.query(`SELECT sealed_record, sealed_key_id, sealed_record::text AS as_text FROM furnished_record WHERE record_id = $1`, [recordId]))[0] as
    | { sealed_record: Buffer | null; sealed_key_id: string | null; as_text: string | null }
    | undefined;

/** A Metro 2 record published under a fresh consent, then that consent invalidated: the deletion pass's delivery. */
async function publishThenInvalidate() {
  const consentId = `C-${randomUUID()}`;
  await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED', ['metro2'])]);
  const kept = await publish(consentId);
  const invalidated = aStoredConsentEvent(consentId, 2, 'INVALIDATED', ['metro2']);
  await ledger.append([invalidated]);
  return { kept, delivery: { consentId, version: 2, partition: invalidated.sourcePartition, offset: invalidated.sourceOffset } };
}

describe('sealed copies of published records (PostgreSQL)', () => {
  it('are written with the PUBLISHED row, in its transaction, and hold no readable identification', async () => {
    const consentId = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED', ['metro2'])]);
    const kept = await publish(consentId);
    const rolledBack = await publish(consentId, true).catch(() => null);
    expect(rolledBack).toBeNull();
    // The failed chunk left neither its keys nor its sealed copy nor its PUBLISHED row.
    const written: unknown[] = await dataSource.query(`SELECT 1 FROM furnished_record f JOIN consent_decision d USING (record_id) WHERE d.consent_id = $1`, [consentId]);
    expect(written).toHaveLength(1);

    const raw = await rawColumn(kept.recordId);
    expect(raw!.sealed_key_id).toBe('spec-1');
    for (const canary of [CANARY_SURNAME, CANARY_SSN, 'CANARYFIRST']) {
      expect(raw!.sealed_record!.includes(Buffer.from(canary))).toBe(false);
      expect(raw!.as_text).not.toContain(canary);
      const [{ found }] = await dataSource.query(`SELECT position(convert_to($2, 'UTF8') IN sealed_record) AS found FROM furnished_record WHERE record_id = $1`, [kept.recordId, canary]);
      expect(found).toBe(0);
    }
  });

  it('reach the deletion pass, open to the published record, outlive the DELETED row until the chunk has committed, and are erased then', async () => {
    const { kept, delivery } = await publishThenInvalidate();

    const { toDelete, undeletable } = await invalidation.recordsToDelete(delivery, (key) => !!key.sealed);
    expect(undeletable).toEqual([]);
    expect(toDelete.map((r) => r.recordId)).toEqual([kept.recordId]);
    expect(openEnvelope(ENVELOPE, ring, aad(kept.recordId), toDelete[0].key.sealed!.bytes).toString()).toBe(payload);

    await invalidation.settled([{ original: toDelete[0], deletionRecordId: 'd'.repeat(32), delivery }]);
    const deleted = await dataSource.query(`SELECT record_id, reason FROM consent_decision WHERE decision = 'DELETED' AND original_record_id = $1`, [kept.recordId]);
    expect(deleted).toEqual([{ record_id: 'd'.repeat(32), reason: 'CONSENT_INVALIDATED' }]);

    // The chunk's Kafka commit fails after settled: its retry derives the same deletion and still has the copy to build the DA from.
    const retry = await invalidation.recordsToDelete(delivery, (key) => !!key.sealed);
    expect(retry.toDelete.map((r) => r.recordId)).toEqual([kept.recordId]);
    expect(openEnvelope(ENVELOPE, ring, aad(kept.recordId), retry.toDelete[0].key.sealed!.bytes).toString()).toBe(payload);
    await invalidation.settled([{ original: retry.toDelete[0], deletionRecordId: 'd'.repeat(32), delivery }]);

    // Committed at last: the formatter's committed step erases the copy.
    await invalidation.eraseSealedCopies([kept.recordId]);
    expect(await rawColumn(kept.recordId)).toEqual({ sealed_record: null, sealed_key_id: null, as_text: null });
    // A later redelivery finds the record again but nothing to build its DA from: counted, not silently sent or dropped.
    const again = await invalidation.recordsToDelete(delivery, (key) => !!key.sealed);
    expect(again.toDelete).toEqual([]);
    expect(again.undeletable.map((r) => r.recordId)).toEqual([kept.recordId]);
  });

  it('are swept once their deletion is older than the cutoff, and kept while it is newer', async () => {
    const { kept, delivery } = await publishThenInvalidate();
    const { toDelete } = await invalidation.recordsToDelete(delivery, (key) => !!key.sealed);
    await invalidation.settled([{ original: toDelete[0], deletionRecordId: 'e'.repeat(32), delivery }]);
    // The formatter stopped between the chunk's commit and its committed step: the copy outlived the deletion.
    const [{ decided_at: deletedAt }] = await dataSource.query(`SELECT decided_at FROM consent_decision WHERE decision = 'DELETED' AND original_record_id = $1`, [kept.recordId]);

    await invalidation.eraseSealedCopiesDeletedBefore(new Date((deletedAt as Date).getTime() - 1));
    expect((await rawColumn(kept.recordId))!.sealed_key_id).toBe('spec-1');

    await invalidation.eraseSealedCopiesDeletedBefore(new Date((deletedAt as Date).getTime() + 1));
    expect(await rawColumn(kept.recordId)).toEqual({ sealed_record: null, sealed_key_id: null, as_text: null });
  });

  it('refuse a sealed copy without its key id (the table says which key each row needs)', async () => {
    const consentId = `C-${randomUUID()}`;
    const kept = await publish(consentId);
    await expect(dataSource.query(`UPDATE furnished_record SET sealed_key_id = NULL WHERE record_id = $1`, [kept.recordId])).rejects.toThrow(/furnished_record_sealed_key_check/);
  });
});
