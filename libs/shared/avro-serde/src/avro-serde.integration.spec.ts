import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import type { Type } from 'avsc';
import { SchemaCatalog, parseAvroSchema, projectSchema } from '@furnish/shared-contracts';
import { aConsentEvent, aLoanEvent } from '@furnish/shared-contracts/testing';
import { EncodedValue } from '@furnish/shared-stage-api';
import { AvroSerde, type TopicSchemaSource } from './avro-serde';
import { AvroDeclaredSizeError, AvroDecodeError, AvroEncodeError, AvroItemLimitError, SchemaIncompatibleError, UnknownSchemaIdError } from './errors';
import { SchemaRegistryClient } from './schema-registry.client';
import { avroLong, fieldOffset, splice } from './testing/avro-body';
import { frame } from './wire-format';

const REGISTRY_URL = process.env.SCHEMA_REGISTRY_URL ?? 'http://localhost:8081/apis/ccompat/v7';

const money = { type: 'bytes', logicalType: 'decimal', precision: 18, scale: 2 };
const v1 = {
  type: 'record',
  name: 'Payment',
  namespace: 'com.furnish.test',
  fields: [
    { name: 'id', type: 'string', classification: 'event-metadata', doc: 'Payment id.' },
    { name: 'amount', type: money },
    { name: 'payer', type: { type: 'record', name: 'Payer', fields: [{ name: 'name', type: 'string' }] } },
  ],
};
const v2 = { ...v1, fields: [...v1.fields, { name: 'note', type: ['null', 'string'], default: null }] };
const v3Incompatible = {
  ...v1,
  fields: [v1.fields[0], v1.fields[1], { name: 'payer', type: { type: 'record', name: 'Payer', fields: [{ name: 'name', type: 'string' }, { name: 'country', type: 'string' }] } }],
};

/** One topic whose "local" schema a test can switch, as if redeploying with a newer schema. */
class SwitchableSchemas implements TopicSchemaSource {
  private current: { name: string; schema: string; type: Type };
  constructor(schema: object) {
    this.current = this.build(schema);
  }
  use(schema: object): void {
    this.current = this.build(schema);
  }
  schemaForTopic() {
    return this.current;
  }
  parse(schema: string): Type {
    return parseAvroSchema(schema);
  }
  subjectForTopic(topic: string): string {
    return `${topic}-value`;
  }
  private build(schema: object) {
    return { name: 'Payment', schema: JSON.stringify(schema), type: parseAvroSchema(JSON.stringify(schema)) };
  }
}

/** A schema per topic, the way the catalogue serves a service's input and output topics. */
class TopicSchemas implements TopicSchemaSource {
  constructor(
    private readonly byTopic: Record<string, object>,
    private readonly projections: Record<string, object> = {},
  ) {}
  readerForTopic(topic: string): Type | undefined {
    return this.projections[topic] ? parseAvroSchema(JSON.stringify(this.projections[topic])) : undefined;
  }
  schemaForTopic(topic: string) {
    const schema = JSON.stringify(this.byTopic[topic]);
    return { name: topic, schema, type: parseAvroSchema(schema) };
  }
  parse(schema: string): Type {
    return parseAvroSchema(schema);
  }
  subjectForTopic(topic: string): string {
    return `${topic}-value`;
  }
}

const releaseOf = (payment: object) => ({
  type: 'record',
  name: 'Release',
  namespace: 'com.furnish.test',
  fields: [
    { name: 'tag', type: 'string' },
    { name: 'payment', type: payment },
  ],
});

describe('AvroSerde against the real schema registry', () => {
  const registry = new SchemaRegistryClient({ url: REGISTRY_URL });
  const newTopic = () => `test.serde.${randomUUID()}`;
  const payment = { id: 'p-1', amount: new Big('1234.56'), payer: { name: 'A' } };

  it('registers, encodes in the Confluent wire format and decodes to equal values', async () => {
    const topic = newTopic();
    const serde = new AvroSerde(registry, new SwitchableSchemas(v1), { autoRegister: true });
    const bytes = await serde.encode(topic, payment);
    expect(bytes[0]).toBe(0);
    const id = bytes.readUInt32BE(1);
    expect(await registry.schemaById(id)).toContain('Payment');
    const decoded = await serde.decode<typeof payment>(topic, bytes);
    expect(decoded.amount.eq(payment.amount)).toBe(true);
    expect(decoded).toMatchObject({ id: 'p-1', payer: { name: 'A' } });
  });

  it('embeds a decoded input given as its EncodedValue byte for byte, as if the value had been encoded', async () => {
    const [input, output] = [newTopic(), newTopic()];
    const serde = new AvroSerde(registry, new TopicSchemas({ [input]: v1, [output]: releaseOf(v1) }), { autoRegister: true });
    const decoded = await serde.decodeRecord<typeof payment>(input, await serde.encode(input, payment));
    expect(decoded.encoded).toBeInstanceOf(EncodedValue);
    const spliced = await serde.encode(output, { tag: 't', payment: decoded.encoded });
    expect(spliced.equals(await serde.encode(output, { tag: 't', payment: decoded.value }))).toBe(true);
    expect(await serde.decode(output, spliced)).toMatchObject({ tag: 't', payment: { id: 'p-1', payer: { name: 'A' } } });
  });

  it('reads bytes written in the same schema as embeddable even when the registry returns its text reordered', async () => {
    const topic = newTopic();
    // Apicurio hands the real loan-event schema back with `doc` before `classification`.
    const reordered = { ...v1, fields: [{ name: 'id', type: 'string', doc: 'Payment id.', classification: 'event-metadata' }, ...v1.fields.slice(1)] };
    const id = await registry.register(`${topic}-value`, JSON.stringify(reordered));
    const schemas = new TopicSchemas({ [topic]: v1 });
    const written = frame(id, schemas.schemaForTopic(topic).type.toBuffer(payment));
    const decoded = await new AvroSerde(registry, schemas).decodeRecord<typeof payment>(topic, written);
    expect(decoded.encoded.bytes?.equals(written.subarray(5))).toBe(true);
  });

  it('tells apart schemas whose canonical forms agree but whose logical types differ', async () => {
    const topic = newTopic();
    const rescaled = { ...v1, fields: [v1.fields[0], { name: 'amount', type: { ...money, scale: 4 } }, v1.fields[2]] };
    const id = await registry.register(`${topic}-value`, JSON.stringify(rescaled));
    const written = frame(id, parseAvroSchema(JSON.stringify(rescaled)).toBuffer({ ...payment, amount: new Big('1234.5600') }));
    const serde = new AvroSerde(registry, new TopicSchemas({ [topic]: v1 }));
    await expect(serde.decodeRecord(topic, written)).rejects.toBeInstanceOf(AvroDecodeError);
  });

  it('reads through a projection: only its fields are decoded, the whole value stays embeddable', async () => {
    const topic = newTopic();
    const idOnly = { ...v1, fields: [v1.fields[0]] };
    const serde = new AvroSerde(registry, new TopicSchemas({ [topic]: v1 }, { [topic]: idOnly }), { autoRegister: true });
    const written = await serde.encode(topic, payment);
    const decoded = await serde.decodeRecord<{ id: string }>(topic, written);
    expect(decoded.value).toEqual({ id: 'p-1' });
    expect(decoded.encoded.bytes?.equals(written.subarray(5))).toBe(true);
    expect(decoded.encoded.value).toMatchObject({ id: 'p-1', payer: { name: 'A' } });

    const newerWriter = frame(await registry.register(`${topic}-value`, JSON.stringify(v2)), parseAvroSchema(JSON.stringify(v2)).toBuffer({ ...payment, note: 'n' }));
    const fromNewer = await serde.decodeRecord<{ id: string }>(topic, newerWriter);
    expect(fromNewer.encoded.bytes).toBeUndefined();
    expect(fromNewer.encoded.value).toMatchObject({ id: 'p-1', payer: { name: 'A' } });
  });

  it('encodes the value of an EncodedValue whose schema is not the output field\'s, and offers none after schema resolution', async () => {
    const [input, output] = [newTopic(), newTopic()];
    const schemas = new TopicSchemas({ [input]: v1, [output]: releaseOf(v2) });
    const serde = new AvroSerde(registry, schemas, { autoRegister: true });
    const { encoded } = await serde.decodeRecord<typeof payment>(input, await serde.encode(input, payment));
    const released = await serde.decode<{ payment: { note: string | null } }>(output, await serde.encode(output, { tag: 't', payment: encoded }));
    expect(released.payment).toMatchObject({ id: 'p-1', note: null });

    const writtenWithV1 = await serde.encode(input, payment);
    const newer = new AvroSerde(registry, new TopicSchemas({ [input]: v2 }), { autoRegister: true });
    await newer.register(input);
    expect((await newer.decodeRecord(input, writtenWithV1)).encoded.bytes).toBeUndefined();
  });

  it('decodes a message written with an older compatible version using the newer reader', async () => {
    const topic = newTopic();
    const schemas = new SwitchableSchemas(v1);
    const serde = new AvroSerde(registry, schemas, { autoRegister: true });
    const writtenWithV1 = await serde.encode(topic, payment);
    schemas.use(v2);
    const newer = new AvroSerde(registry, schemas, { autoRegister: true });
    expect(await newer.register(topic)).not.toBe(writtenWithV1.readUInt32BE(1));
    const decoded = await newer.decode<{ note: string | null }>(topic, writtenWithV1);
    expect(decoded).toMatchObject({ id: 'p-1', note: null });
  });

  it('refuses to register an incompatible version and names the field', async () => {
    const topic = newTopic();
    const schemas = new SwitchableSchemas(v1);
    await new AvroSerde(registry, schemas).register(topic);
    schemas.use(v3Incompatible);
    const attempt = new AvroSerde(registry, schemas).register(topic);
    await expect(attempt).rejects.toBeInstanceOf(SchemaIncompatibleError);
    await expect(new AvroSerde(registry, schemas).register(topic)).rejects.toThrow('payer.country: field added without a default');
  });

  it('services do not register: encoding with an unregistered schema fails clearly', async () => {
    const serde = new AvroSerde(registry, new SwitchableSchemas(v1));
    await expect(serde.encode(newTopic(), payment)).rejects.toThrow('not registered');
  });

  it('rejects a value that does not match the schema, naming the path and not the value', async () => {
    const serde = new AvroSerde(registry, new SwitchableSchemas(v1), { autoRegister: true });
    const bad = { ...payment, payer: { name: 42 } };
    const attempt = serde.encode(newTopic(), bad);
    await expect(attempt).rejects.toBeInstanceOf(AvroEncodeError);
    await expect(serde.encode(newTopic(), bad)).rejects.toThrow('payer.name');
  });

  it('reports an unknown schema id and a truncated body as decode failures of the message', async () => {
    const topic = newTopic();
    const serde = new AvroSerde(registry, new SwitchableSchemas(v1), { autoRegister: true });
    await expect(serde.decode(topic, frame(2_000_000_000, Buffer.from([1, 2])))).rejects.toBeInstanceOf(UnknownSchemaIdError);
    const good = await serde.encode(topic, payment);
    // The last field, payer.name "A", is its length (1) and 1 byte: cut at its length, 1 byte is declared and none is left.
    await expect(serde.decode(topic, good.subarray(0, good.length - 1))).rejects.toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: expect.stringContaining(`string length 1 at byte ${good.length - 7} exceeds the 0 bytes left`),
    });
    // Cut inside the amount: the decimal's length (3 bytes for 123456) is declared, fewer are left.
    await expect(serde.decode(topic, good.subarray(0, good.length - 4))).rejects.toBeInstanceOf(AvroDeclaredSizeError);
    // Cut before the last field's length: nothing is declared, the body simply ends.
    await expect(serde.decode(topic, good.subarray(0, good.length - 2))).rejects.toMatchObject({ code: 'AVRO_DECODE_FAILED', message: expect.stringContaining('truncated buffer') });
  });
});

describe('AvroSerde refuses hostile declared sizes, through the real registry', () => {
  const registry = new SchemaRegistryClient({ url: REGISTRY_URL });
  const catalog = SchemaCatalog.load();
  const loanEvent = catalog.latest('loan-event');
  const consentEvent = catalog.latest('consent-event');
  const HEADER = 5; // magic byte and schema id
  const event = { ...aLoanEvent(), account: { ...aLoanEvent().account, scheduledDueDates: [] } };
  const arrayAt = fieldOffset(loanEvent.type, event, 'account.scheduledDueDates');

  /** A fresh topic read as the consent filter reads loan events: four fields, the rest skipped. */
  const filterTopic = () => {
    const topic = `test.serde.${randomUUID()}`;
    const projection = projectSchema(loanEvent.json, ['eventId', 'occurredAt', 'account.accountId', 'borrower.borrowerId']);
    return { topic, serde: new AvroSerde(registry, new TopicSchemas({ [topic]: loanEvent.json }, { [topic]: projection }), { autoRegister: true }) };
  };

  it('fails a loan event declaring 2^40 array items with AVRO_DECLARED_SIZE_INVALID, and the next message decodes', async () => {
    const { topic, serde } = filterTopic();
    const valid = await serde.encode(topic, event);
    expect(valid[HEADER + arrayAt]).toBe(0x00);
    const hostile = splice(valid, HEADER + arrayAt, 1, avroLong(2n ** 40n));
    const failure = serde.decodeRecord(topic, hostile);
    await expect(failure).rejects.toBeInstanceOf(AvroDeclaredSizeError);
    await expect(failure).rejects.toMatchObject({
      code: 'AVRO_DECLARED_SIZE_INVALID',
      message: `cannot decode a ${topic} value written with schema id ${valid.readUInt32BE(1)}: array block at byte ${arrayAt} declares 1099511627776 items but the ${valid.length - HEADER - arrayAt - 1} bytes left cannot hold them (1 per item at least)`,
    });
    expect((await serde.decodeRecord(topic, valid)).value).toEqual({
      eventId: event.eventId,
      occurredAt: event.occurredAt,
      account: { accountId: event.account.accountId },
      borrower: { borrowerId: event.borrower.borrowerId },
    });
  });

  it('fails a consent event declaring 10^8 items, read whole', async () => {
    const topic = `test.serde.${randomUUID()}`;
    const serde = new AvroSerde(registry, new TopicSchemas({ [topic]: consentEvent.json }), { autoRegister: true });
    const consent = aConsentEvent({ bureaus: ['PBOC_CRC'] });
    const valid = await serde.encode(topic, consent);
    const at = HEADER + fieldOffset(consentEvent.type, consent, 'bureaus');
    const hostile = splice(valid, at, 3, avroLong(100_000_000)); // count 1, one enum, end of array
    await expect(serde.decode(topic, hostile)).rejects.toMatchObject({ code: 'AVRO_DECLARED_SIZE_INVALID', message: expect.stringContaining('declares 100000000 items') });
  });

  it('applies the configured item limit', async () => {
    const topic = `test.serde.${randomUUID()}`;
    const serde = new AvroSerde(registry, new TopicSchemas({ [topic]: consentEvent.json }), { autoRegister: true, decodeLimits: { maxCollectionItems: 2 } });
    await expect(serde.decode(topic, await serde.encode(topic, aConsentEvent({ bureaus: ['PBOC_CRC', 'BAIHANG'] })))).resolves.toMatchObject({ bureaus: ['PBOC_CRC', 'BAIHANG'] });
    const three = serde.decode(topic, await serde.encode(topic, aConsentEvent({ bureaus: ['PBOC_CRC', 'BAIHANG', 'METRO2'] })));
    await expect(three).rejects.toBeInstanceOf(AvroItemLimitError);
    await expect(three).rejects.toMatchObject({ code: 'AVRO_ITEM_LIMIT_EXCEEDED', message: expect.stringContaining('over the limit of 2 array items and map entries per value') });
  });

  it('bounds the whole value decoded later from bytes a projection skipped', async () => {
    const { topic, serde } = filterTopic();
    const valid = await serde.encode(topic, event);
    // The dates array as one block (count -1) of one date (3 bytes) declaring a size of 4, then a byte
    // the size covers and the 0 that ends the array: skipping by size finds the end, reading item by
    // item does not, so the whole value is malformed though the projection read it.
    const date = avroLong(19_723); // 2024-01-01
    const block = Buffer.concat([avroLong(-1), avroLong(date.length + 1), date, Buffer.from([0x00, 0x00])]);
    const mismatched = splice(valid, HEADER + arrayAt, 1, block);
    const decoded = await serde.decodeRecord<{ eventId: string }>(topic, mismatched);
    expect(decoded.value.eventId).toBe(event.eventId);
    expect(() => decoded.encoded.value).toThrow(AvroDeclaredSizeError);
  });
});
