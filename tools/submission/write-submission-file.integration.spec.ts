import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Type } from 'avsc';
import { Kafka, logLevel } from 'kafkajs';
import { AvroSerde, SchemaRegistryClient, type TopicSchemaSource } from '@furnish/shared-avro-serde';
import { SchemaCatalog, deletionRecordId, type OutboundRecord } from '@furnish/shared-contracts';
import { outboundRecordOf } from '@furnish/bureau-domain';
import { BUREAU_FORMATS, BUREAU_DELETIONS } from '@furnish/bureau-formats';
import { aMetro2StatementRecord } from '@furnish/bureau-format-metro2/testing';
import { validatePbocFile } from '@furnish/bureau-format-pboc-crc';
import { aPbocLoanOpenedRecord, aPbocStatementRecord } from '@furnish/bureau-format-pboc-crc/testing';
import { Client } from 'pg';
import { writeSubmissionFile } from './write-submission-file';

const BROKERS = (process.env.KAFKA_BROKERS ?? 'localhost:9092').split(',');
const REGISTRY_URL = process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7';

class OutboundSchemas implements TopicSchemaSource {
  private readonly catalog = SchemaCatalog.load();
  schemaForTopic(): { name: string; schema: string; type: Type } {
    return this.catalog.latest('outbound-record');
  }
  parse(schema: string): Type {
    return this.catalog.parse(schema);
  }
  subjectForTopic(topic: string): string {
    return `${topic}-value`;
  }
}

function outbound(source: Parameters<(typeof BUREAU_FORMATS)['pboc-crc']['format']>[0]): OutboundRecord {
  const [formatted] = BUREAU_FORMATS['pboc-crc'].format(source);
  return outboundRecordOf('pboc-crc', source, formatted);
}

/** A Metro 2 statement as the formatter publishes it, and its DA made at `deletedAt`. */
function metro2StatementAndDa(accountId: string, deletedAt: Date): { statement: OutboundRecord; da: OutboundRecord } {
  const source = aMetro2StatementRecord({ eventId: randomUUID(), account: { accountId } });
  const [formatted] = BUREAU_FORMATS.metro2.format(source);
  const statement = outboundRecordOf('metro2', source, formatted, new Date(deletedAt.getTime() - 60_000));
  const id = deletionRecordId(statement.recordId);
  const key = { recordId: statement.recordId, recordKind: formatted.recordKind, accountKey: formatted.accountKey!, reportDate: formatted.reportDate, publishedRecord: formatted.payload };
  const deletion = BUREAU_DELETIONS.metro2!.deletion(key, id, deletedAt);
  return { statement, da: { ...outboundRecordOf('metro2', source, deletion, deletedAt), recordId: id } };
}

describe('writeSubmissionFile against the local broker', () => {
  const kafka = new Kafka({ clientId: 'furnish-submission-test', brokers: BROKERS, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const serde = new AvroSerde(new SchemaRegistryClient({ url: REGISTRY_URL }), new OutboundSchemas(), { autoRegister: true });
  const topic = `test.submission.${randomUUID()}`;
  let outDir: string;

  beforeAll(async () => {
    outDir = await mkdtemp(path.join(os.tmpdir(), 'furnish-submission-'));
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  });

  /** A topic of its own for one test (one partition), holding `records` in order. */
  async function topicHolding(name: string, records: readonly OutboundRecord[]): Promise<string> {
    const own = `test.submission.${name}.${randomUUID()}`;
    await admin.createTopics({ topics: [{ topic: own, numPartitions: 1, replicationFactor: 1 }], waitForLeaders: true });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const record of records) await producer.send({ topic: own, acks: -1, messages: [{ key: record.recordId, value: await serde.encode(own, record) }] });
    await producer.disconnect();
    return own;
  }

  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await rm(outDir, { recursive: true, force: true });
  });

  it('writes the period’s PBOC records, once each, into a file that passes the file validator', async () => {
    const opened = outbound(aPbocLoanOpenedRecord({ eventId: randomUUID(), occurredAt: new Date('2024-05-20T06:31:00Z'), account: { openedOn: '2024-05-20' as never } }));
    const statement = outbound(aPbocStatementRecord({ eventId: randomUUID() }));
    const earlier = outbound(aPbocLoanOpenedRecord({ eventId: randomUUID(), account: { accountId: 'IL0000000001' } }));
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    for (const record of [opened, statement, statement, earlier]) {
      await producer.send({ topic, acks: -1, messages: [{ key: record.recordId, value: await serde.encode(topic, record) }] });
    }
    await producer.disconnect();

    const result = await writeSubmissionFile({
      bureau: 'pboc-crc',
      from: '2024-05-01',
      to: '2024-05-31',
      outDir,
      brokers: BROKERS,
      registryUrl: REGISTRY_URL,
      now: new Date('2024-06-01T01:00:00Z'),
      identity: { pbocInstitutionCode: 'F110105000001A' },
      topic,
      serde,
    });

    expect(result).toMatchObject({ recordsRead: 4, recordsSelected: 2, duplicates: 1 });
    expect(result.files.map((f) => [path.basename(f.path), f.recordCount])).toEqual([['F110105000001A202406012100001' + '0.txt', 2]]);
    const content = await readFile(result.files[0].path, 'utf8');
    expect(validatePbocFile({ fileName: path.basename(result.files[0].path), content })).toEqual([]);
    expect(content.split('\r\n').slice(1, 3)).toEqual([opened.payload, statement.payload]);
  }, 60_000);

  it('Metro 2: writes a DA Base record with the reports and counts it in the Trailer (bureau-formats.md §1.7)', async () => {
    const deletedAt = new Date('2024-05-31T20:00:00Z');
    const kept = metro2StatementAndDa('RL0000012345', deletedAt).statement;
    const deleted = metro2StatementAndDa('RL0000099999', deletedAt);
    const metro2Topic = await topicHolding('metro2', [kept, deleted.statement, deleted.da]);

    const result = await writeSubmissionFile({
      bureau: 'metro2',
      from: '2024-05-01',
      to: '2024-05-31',
      outDir: path.join(outDir, 'metro2'),
      brokers: BROKERS,
      registryUrl: REGISTRY_URL,
      now: new Date('2024-06-01T08:00:00Z'),
      identity: { metro2Reporter: { reporterName: 'EXAMPLE LENDING INC', reporterAddress: '1 MARKET ST SAN FRANCISCO CA 94105', transUnionProgramIdentifier: '5555555555' } },
      topic: metro2Topic,
      serde,
    });
    await admin.deleteTopics({ topics: [metro2Topic] }).catch(() => undefined);

    expect(result).toMatchObject({ recordsRead: 3, recordsSelected: 3, deletionsWritten: 1, deletionsLeftOut: 0 });
    const lines = (await readFile(result.files[0].path, 'utf8')).split('\n');
    // One record per account (§1.2 and the file builder): the DA, made after the deleted account's statement, replaces it.
    expect(lines.slice(1, 3)).toEqual([kept.payload, deleted.da.payload]);
    const trailer = lines[3];
    const at = (from: number, to: number): string => trailer.slice(from - 1, to);
    // §1.7 positions, counted by hand: two Base records (status 11 and DA), both with SSN, DOB and telephone.
    expect(at(5, 11)).toBe('TRAILER');
    expect(at(12, 20)).toBe('000000002'); // TotalBaseRecords
    expect(at(30, 38)).toBe('000000000'); // Total status DF
    expect(at(57, 65)).toBe('000000004'); // BlockCount: Base records + header + trailer
    expect(at(66, 74)).toBe('000000001'); // Total status DA
    expect(at(84, 92)).toBe('000000001'); // Total status 11 (05 is 75-83)
    expect(at(327, 335)).toBe('000000002'); // SSNs all segments
    expect(at(363, 371)).toBe('000000002'); // DOBs all segments
    expect(at(399, 407)).toBe('000000002'); // telephone numbers
  }, 60_000);

  it('leaves out, and audits, a record whose consent was withdrawn after the filter released it (release-time re-check)', async () => {
    const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/furnish';
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const consent = () => ({ consentId: `CNS-${randomUUID()}`, version: 1 });
      const kept = outbound(
        aPbocLoanOpenedRecord({ eventId: randomUUID(), consent: consent(), occurredAt: new Date('2024-05-20T06:31:00Z'), account: { openedOn: '2024-05-20' as never } }),
      );
      const withdrawn = outbound(aPbocStatementRecord({ eventId: randomUUID(), consent: consent() }));
      const ref = (name: string) => `submission-spec-${name}-${randomUUID()}`;
      const refs = { kept: ref('kept'), withdrawn: ref('withdrawn') };
      // Ledger facts straight into the table, on a partition the consent topic does not have, so no filter cache sees them.
      const fact = (borrowerRef: string, consentId: string, action: 'GRANTED' | 'WITHDRAWN', effectiveAt: string, offset: number) =>
        db.query(
          `INSERT INTO consent_event (consent_id, version, borrower_ref, action, bureaus, effective_at, expires_at, channel, evidence_ref, recorded_at, source_topic, source_partition, source_offset)
           VALUES ($1, 1, $2, $3, ARRAY['pboc-crc'], $4, NULL, 'APP', 'sha256:spec', now(), 'lending.consent-events.v1', 99, $5)`,
          [consentId, borrowerRef, action, effectiveAt, offset],
        );
      await fact(refs.kept, kept.consentId, 'GRANTED', '2024-01-01T00:00:00Z', Date.now());
      await fact(refs.withdrawn, withdrawn.consentId, 'GRANTED', '2024-01-01T00:00:00Z', Date.now() + 1);
      await fact(refs.withdrawn, `W-${randomUUID()}`, 'WITHDRAWN', '2024-06-10T00:00:00Z', Date.now() + 2);
      for (const [record, borrowerRef] of [[kept, refs.kept], [withdrawn, refs.withdrawn]] as const) {
        await db.query(
          `INSERT INTO consent_decision (event_id, bureau, stage, decision, consent_id, consent_version, borrower_ref, event_occurred_at, decided_at, ledger_position)
           VALUES ($1, 'pboc-crc', 'consent-filter', 'RELEASED', $2, $3, $4, '2024-05-20T06:31:00Z', now(), '{}')`,
          [record.sourceEventId, record.consentId, record.consentVersion, borrowerRef],
        );
      }
      const trailOf = async (eventId: string) =>
        (await db.query<{ stage: string; decision: string; reason: string | null }>('SELECT stage, decision, reason FROM consent_decision WHERE event_id = $1 ORDER BY id', [eventId])).rows.map(
          (r) => [r.stage, r.decision, r.reason],
        );

      const checkedTopic = await topicHolding('checked', [kept, withdrawn]);

      const result = await writeSubmissionFile({
        bureau: 'pboc-crc',
        from: '2024-05-01',
        to: '2024-05-31',
        outDir: path.join(outDir, 'checked'),
        brokers: BROKERS,
        registryUrl: REGISTRY_URL,
        now: new Date('2024-06-01T01:00:00Z'),
        topic: checkedTopic,
        serde,
        identity: { pbocInstitutionCode: 'F110105000001A' },
        consentCheck: { databaseUrl, ledgerGroup: 'furnish.consent-ledger' },
      });
      await admin.deleteTopics({ topics: [checkedTopic] }).catch(() => undefined);

      expect(result).toMatchObject({ recordsRead: 2, recordsSelected: 1, withheldAtRelease: 1 });
      const content = await readFile(result.files[0].path, 'utf8');
      expect(content).toContain(kept.payload);
      expect(content).not.toContain(withdrawn.payload);
      expect(await trailOf(withdrawn.sourceEventId)).toEqual([
        ['consent-filter', 'RELEASED', null],
        ['submission', 'WITHHELD_AT_RELEASE', 'WITHDRAWN_BEFORE_RELEASE'],
      ]);
      expect(await trailOf(kept.sourceEventId)).toEqual([['consent-filter', 'RELEASED', null]]);
    } finally {
      await db.end();
    }
  }, 90_000);
});
