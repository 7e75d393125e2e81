import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ConsentDecisionRepository, type StageAuditRow } from './consent-decision.repository';
import { ConsentLedgerRepository } from './consent-ledger.repository';
import { ANY_INVALIDATED, ConsentInvalidatedDuringReleaseError, FurnishedRecordRepository } from './furnished-record.repository';
import { aStoredConsentEvent, openMigratedDatabase, ThrowawayDatabases } from './testing';

// The window between a record's release-time re-check and its PUBLISHED row (docs/consent.md,
// "Consent found invalid"): a deletion pass must either see the row or the row must never be written.
const databases = new ThrowawayDatabases('furnish_furnished_test');
let dataSource: DataSource;
let furnished: FurnishedRecordRepository;
let decisions: ConsentDecisionRepository;
let ledger: ConsentLedgerRepository;

beforeAll(async () => {
  dataSource = await openMigratedDatabase(databases, 'furnished-record-spec');
  furnished = new FurnishedRecordRepository(dataSource);
  decisions = new ConsentDecisionRepository(dataSource);
  ledger = new ConsentLedgerRepository(dataSource);
});

afterAll(async () => {
  if (dataSource?.isInitialized) await dataSource.destroy();
  await databases.dropAll();
});

const published = (consentId: string): StageAuditRow => ({
  eventId: randomUUID(),
  bureau: 'pboc-crc',
  stage: 'bureau-formatter',
  decision: 'PUBLISHED',
  reason: null,
  consentId,
  consentVersion: 1,
  recordId: randomUUID().replace(/-/g, ''),
  borrowerRef: null,
  eventOccurredAt: null,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('FurnishedRecordRepository: publishing against a concurrent invalidation', () => {
  it('writes the audit rows of a consent that is not invalidated, in its transaction', async () => {
    const consentId = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED')]);
    await furnished.publishUnlessInvalidated([consentId], (manager) => decisions.append([published(consentId)], new Date(), manager));
    expect(await furnished.publishedUnder(consentId)).toHaveLength(1);
  });

  it('refuses, writing nothing, when the ledger already records the consent as invalidated', async () => {
    const consentId = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED'), aStoredConsentEvent(consentId, 2, 'INVALIDATED')]);
    const other = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(other, 1, 'GRANTED')]);

    const attempt = furnished.publishUnlessInvalidated([other, consentId], (manager) => decisions.append([published(other), published(consentId)], new Date(), manager));

    await expect(attempt).rejects.toBeInstanceOf(ConsentInvalidatedDuringReleaseError);
    await expect(attempt).rejects.toMatchObject({ code: 'CONSENT_INVALIDATED_DURING_RELEASE', disposition: 'retry' });
    expect(await furnished.publishedUnder(consentId)).toHaveLength(0);
    expect(await furnished.publishedUnder(other)).toHaveLength(0);
  });

  it('makes a deletion pass wait for a publisher that passed the check, so the pass reads its rows', async () => {
    const consentId = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED')]);
    let letPublisherCommit!: () => void;
    const publisherMayCommit = new Promise<void>((resolve) => (letPublisherCommit = resolve));
    let checked!: () => void;
    const publisherChecked = new Promise<void>((resolve) => (checked = resolve));
    // The publisher has passed its check and written its row, but not committed yet...
    const publishing = furnished.publishUnlessInvalidated([consentId], async (manager) => {
      await decisions.append([published(consentId)], new Date(), manager);
      checked();
      await publisherMayCommit;
    });
    await publisherChecked;
    // ...when the ledger records the invalidation and the deletion pass starts.
    await ledger.append([aStoredConsentEvent(consentId, 2, 'INVALIDATED')]);
    let passed = false;
    const deletionPass = furnished.awaitPublishersOf(consentId).then(() => (passed = true));
    await tick();
    expect(passed).toBe(false);

    letPublisherCommit();
    await publishing;
    await deletionPass;
    expect(await furnished.publishedUnder(consentId)).toHaveLength(1);
  });

  it('makes a publisher that starts after the deletion pass refuse', async () => {
    const consentId = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED'), aStoredConsentEvent(consentId, 2, 'INVALIDATED')]);
    await furnished.awaitPublishersOf(consentId);
    await expect(furnished.publishUnlessInvalidated([consentId], (manager) => decisions.append([published(consentId)], new Date(), manager))).rejects.toBeInstanceOf(
      ConsentInvalidatedDuringReleaseError,
    );
    expect(await furnished.publishedUnder(consentId)).toHaveLength(0);
  });

  it('lets publishers of the same consent run side by side (shared locks)', async () => {
    const consentId = `C-${randomUUID()}`;
    await ledger.append([aStoredConsentEvent(consentId, 1, 'GRANTED')]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = furnished.publishUnlessInvalidated([consentId], async (manager) => {
      await decisions.append([published(consentId)], new Date(), manager);
      await held;
    });
    await tick();
    await furnished.publishUnlessInvalidated([consentId], (manager) => decisions.append([published(consentId)], new Date(), manager));
    release();
    await first;
    expect(await furnished.publishedUnder(consentId)).toHaveLength(2);
  });

  it('looks for invalidations through their own index, however stale the statistics', async () => {
    // A ledger that grew since it was last analysed (autovacuum off or behind): with LIMIT 1 the planner
    // used to bet on a sequential scan finding an invalidation early, and read every row.
    await ledger.append(Array.from({ length: 3_000 }, (_, i) => aStoredConsentEvent(`grown-${i}`, 1, 'GRANTED')));
    const ids = Array.from({ length: 200 }, (_, i) => `grown-${i * 7}`);

    const [{ 'QUERY PLAN': plan }] = await dataSource.query(`EXPLAIN (FORMAT JSON) ${ANY_INVALIDATED}`, [ids]);

    expect(JSON.stringify(plan)).toContain('"Index Name":"consent_event_invalidated_idx"');
  });
});
