import type { Type } from 'avsc';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { indexNamedTypes, normaliseType } from './avro-schema';
import { SchemaCatalogError } from './errors';
import { parseAvroSchema } from './logical-types';
import { SchemaCatalog, schemaCatalog } from './schema-catalog';
import { SCHEMA_NAMES, type SchemaName } from './schema-names';
import { resolveSchemasDir, SCHEMAS_DIR_ENV } from './schemas-dir';
import {
  LINE_CLOSED_WITHOUT_STATEMENT,
  SIX_INSTALMENTS_BEHIND,
  aConsentedLoanEvent,
  aConsentEvent,
  aLoanEvent,
  aMinimisedBaihangRecord,
  aMinimisedMetro2Record,
  aMinimisedPbocCrcRecord,
  anInstalmentAccount,
  anOutboundRecord,
  aStatement,
  aStatementClosedLoanEvent,
} from './testing';

const catalog = schemaCatalog();
const withHistory = aLoanEvent({ account: { overdueInstalments: SIX_INSTALMENTS_BEHIND.unpaid, paymentHistory: LINE_CLOSED_WITHOUT_STATEMENT.history } });

const samples: Record<SchemaName, () => unknown> = {
  'loan-event': () => aLoanEvent(),
  'consent-event': () => aConsentEvent(),
  'consented-loan-event': () => aConsentedLoanEvent(),
  'minimised-pboc-crc-record': () => aMinimisedPbocCrcRecord(),
  'minimised-baihang-record': () => aMinimisedBaihangRecord(),
  'minimised-metro2-record': () => aMinimisedMetro2Record(),
  'outbound-record': () => anOutboundRecord(),
};

describe('schema catalog', () => {
  it('loads every declared schema from the repository schemas/ folder', () => {
    expect(catalog.directory).toBe(path.resolve(__dirname, '../../../../schemas'));
    expect(catalog.all().map((s) => `${s.name}.v${s.version}`)).toEqual([
      'loan-event.v1',
      'loan-event.v2',
      'loan-event.v3',
      'consent-event.v1',
      'consent-event.v2',
      'consented-loan-event.v1',
      'consented-loan-event.v2',
      'consented-loan-event.v3',
      'minimised-pboc-crc-record.v1',
      'minimised-pboc-crc-record.v2',
      'minimised-pboc-crc-record.v3',
      'minimised-baihang-record.v1',
      'minimised-baihang-record.v2',
      'minimised-metro2-record.v1',
      'minimised-metro2-record.v2',
      'minimised-metro2-record.v3',
      'outbound-record.v1',
    ]);
  });

  it('names records in com.furnish.lending for inputs and com.furnish.pipeline otherwise', () => {
    const fullNames = Object.fromEntries(SCHEMA_NAMES.map((name) => [name, catalog.latest(name).fullName]));
    expect(fullNames).toEqual({
      'loan-event': 'com.furnish.lending.LoanEvent',
      'consent-event': 'com.furnish.lending.ConsentEvent',
      'consented-loan-event': 'com.furnish.pipeline.ConsentedLoanEvent',
      'minimised-pboc-crc-record': 'com.furnish.pipeline.MinimisedPbocCrcRecord',
      'minimised-baihang-record': 'com.furnish.pipeline.MinimisedBaihangRecord',
      'minimised-metro2-record': 'com.furnish.pipeline.MinimisedMetro2Record',
      'outbound-record': 'com.furnish.pipeline.OutboundRecord',
    });
  });

  it('gives version(name, n) and refuses a version that does not exist', () => {
    expect(catalog.version('loan-event', 3)).toBe(catalog.latest('loan-event'));
    expect(catalog.version('loan-event', 1).version).toBe(1);
    expect(() => catalog.version('loan-event', 4)).toThrow(SchemaCatalogError);
  });

  it('keeps attributes such as classification in the schema text sent to the registry', () => {
    const { schema, json } = catalog.latest('loan-event');
    expect(JSON.parse(schema)).toEqual(json);
    expect(schema).toContain('"classification":"identity"');
  });

  it.each(SCHEMA_NAMES)('round-trips a realistic %s value', (name) => {
    const entry = catalog.latest(name);
    const value = samples[name]();
    const errors: string[] = [];
    entry.type.isValid(value, { errorHook: (p: string[]) => errors.push(p.join('.')) });
    expect(errors).toEqual([]);
    expect(entry.decode(entry.encode(value as never))).toEqual(value);
  });

  it.each([
    ['an instalment loan', aStatementClosedLoanEvent({ account: anInstalmentAccount(), statement: aStatement({ instalmentNumber: 5 }) })],
    ['an event with neither transaction nor statement', aLoanEvent({ eventType: 'CREDIT_LIMIT_CHANGED', transaction: null })],
  ])('round-trips %s', (_name, value) => {
    const { type } = catalog.latest('loan-event');
    expect(type.fromBuffer(type.toBuffer(value))).toEqual(value);
  });

  it('decodes v1 data with a v2 reader that adds an optional field with a default', () => {
    const v1 = catalog.version('loan-event', 1);
    const added = { name: 'sourceSystem', type: ['null', 'string'], default: null, classification: 'event-metadata', doc: 'test' };
    const v2 = parseAvroSchema({ ...v1.json, fields: [...(v1.json.fields ?? []), added] });
    const value = aLoanEvent();
    const decoded = v2.fromBuffer(v1.encode(value), v2.createResolver(v1.type)) as Record<string, unknown>;
    expect(decoded.sourceSystem).toBeNull();
    expect(decoded.eventId).toBe(value.eventId);
  });

  it.each(['loan-event', 'consented-loan-event', 'minimised-pboc-crc-record', 'minimised-metro2-record'] as const)(
    'reads %s v2 with the v1 schema too (a pod not yet upgraded skips the new fields)',
    (name) => {
      const [v1, v2] = [catalog.version(name, 1), catalog.version(name, 2)];
      const sample = name === 'loan-event' ? withHistory : samples[name]();
      const read = v1.type.fromBuffer(v2.encode(sample as never), v1.type.createResolver(v2.type)) as Record<string, unknown>;
      expect(read.eventId ?? (read.loanEvent as Record<string, unknown>).eventId).toBeDefined();
    },
  );

  it('reads a loan-event v1 message with the v2 schema: the history fields are null, everything else as written', () => {
    const v1 = catalog.version('loan-event', 1);
    const v2 = catalog.version('loan-event', 2);
    const value = aStatementClosedLoanEvent();
    expect(value.account.overdueInstalments).toBeNull();
    const v2Value: Record<string, unknown> = { ...value };
    delete v2Value.corrects;
    expect(v2.type.fromBuffer(v1.encode(value), v2.type.createResolver(v1.type))).toEqual(v2Value);
  });

  it('reads loan-event v1 and v2 messages with the v3 schema: corrects is null (an ordinary event), everything else as written', () => {
    const v3 = catalog.version('loan-event', 3);
    const value = aStatementClosedLoanEvent();
    for (const old of [catalog.version('loan-event', 1), catalog.version('loan-event', 2)]) {
      expect(v3.type.fromBuffer(old.encode(value), v3.type.createResolver(old.type))).toEqual({ ...value, corrects: null });
    }
  });

  it('reads a loan-event v3 correction with the v2 schema (an older reader ignores corrects)', () => {
    const v2 = catalog.version('loan-event', 2);
    const v3 = catalog.version('loan-event', 3);
    const correction = { ...aStatementClosedLoanEvent(), corrects: { eventId: '0b3f6d2e-6f0c-4a57-9a51-2f4d8f1b7c11', kind: 'CORRECTION' as const } };
    const asV2: Record<string, unknown> = { ...correction };
    delete asV2.corrects;
    expect(v2.type.fromBuffer(v3.encode(correction), v2.type.createResolver(v3.type))).toEqual(asV2);
  });

  it('defines a named type shared by several schemas identically everywhere (the embedded LoanEvent included)', () => {
    const definitions = new Map<string, { name: SchemaName; normalised: string }>();
    const conflicts: string[] = [];
    for (const name of SCHEMA_NAMES) {
      const index = indexNamedTypes(catalog.latest(name).json);
      for (const fullName of index.keys()) {
        const normalised = JSON.stringify(normaliseType(fullName, undefined, index));
        const first = definitions.get(fullName);
        if (!first) definitions.set(fullName, { name, normalised });
        else if (first.normalised !== normalised) conflicts.push(`${fullName}: ${first.name} and ${name} differ`);
      }
    }
    expect(conflicts).toEqual([]);
    expect(definitions.get('com.furnish.lending.LoanEvent')?.name).toBe('loan-event');
    expect(indexNamedTypes(catalog.latest('consented-loan-event').json).has('com.furnish.lending.LoanEvent')).toBe(true);
  });

  it('embeds the current loan event schema in the consented loan event, so the filter copies events as bytes', () => {
    const consented = catalog.latest('consented-loan-event').type as unknown as { fields: { name: string; type: Type }[] };
    const embedded = consented.fields.find((field) => field.name === 'loanEvent')!.type;
    expect(embedded.fingerprint('sha256').equals(catalog.latest('loan-event').type.fingerprint('sha256'))).toBe(true);
  });

  it('serves avro-serde as its topic schema source', () => {
    const entry = catalog.schemaForTopic('lending.loan-events.v1');
    expect(entry.name).toBe('loan-event');
    expect(catalog.subjectForTopic('furnish.outbound.metro2.v1')).toBe('furnish.outbound.metro2.v1-value');
    expect(catalog.parse(entry.schema).equals(entry.type)).toBe(true);
  });
});

describe('loading a schemas folder', () => {
  let dir: string;
  const repositoryDir = resolveSchemasDir();
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'furnish-schemas-'));
    for (const file of readdirSync(repositoryDir).filter((f) => f.endsWith('.avsc'))) copyFileSync(path.join(repositoryDir, file), path.join(dir, file));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('treats the highest version as the current writer schema', () => {
    const v2 = JSON.parse(JSON.stringify(SchemaCatalog.load(dir).latest('consent-event').json));
    v2.fields.push({ name: 'locale', type: ['null', 'string'], default: null, classification: 'consent', doc: 'test' });
    writeFileSync(path.join(dir, 'consent-event.v2.avsc'), JSON.stringify(v2));
    const loaded = SchemaCatalog.load(dir);
    expect(loaded.latest('consent-event').version).toBe(2);
    expect(loaded.versions('consent-event').map((v) => v.version)).toEqual([1, 2]);
  });

  it.each([
    ['a gap in the versions', 'loan-event.v5.avsc', '{"type":"record","name":"LoanEvent","namespace":"com.furnish.lending","fields":[]}', 'loan-event.v4.avsc is missing'],
    ['an undeclared name', 'loan-events.v1.avsc', '{"type":"record","name":"X","fields":[]}', 'name from SCHEMA_NAMES'],
    ['a renamed record', 'outbound-record.v2.avsc', '{"type":"record","name":"Outbound","namespace":"com.furnish.pipeline","fields":[]}', 'renames the record'],
    ['invalid JSON', 'outbound-record.v2.avsc', '{"type":', 'not a valid schema'],
    ['an unsupported logical type', 'outbound-record.v2.avsc', '{"type":"record","name":"OutboundRecord","namespace":"com.furnish.pipeline","fields":[{"name":"t","type":{"type":"int","logicalType":"time-millis"}}]}', 'unsupported logical types: time-millis'],
  ])('refuses %s', (_name, file, content, message) => {
    writeFileSync(path.join(dir, file), content);
    expect(() => SchemaCatalog.load(dir)).toThrow(SchemaCatalogError);
    expect(() => SchemaCatalog.load(dir)).toThrow(message);
  });

  it('refuses a folder missing a declared schema', () => {
    rmSync(path.join(dir, 'outbound-record.v1.avsc'));
    expect(() => SchemaCatalog.load(dir)).toThrow('has no outbound-record.v1.avsc');
  });

  it(`finds the folder from any start directory, or from ${SCHEMAS_DIR_ENV}`, () => {
    expect(resolveSchemasDir(path.join(repositoryDir, '..', 'libs', 'shared'), {})).toBe(repositoryDir);
    expect(resolveSchemasDir('/', { [SCHEMAS_DIR_ENV]: dir })).toBe(dir);
    expect(() => resolveSchemasDir('/', { [SCHEMAS_DIR_ENV]: path.join(dir, 'absent') })).toThrow(SchemaCatalogError);
    expect(() => resolveSchemasDir(tmpdir(), {})).toThrow(SCHEMAS_DIR_ENV);
  });
});
