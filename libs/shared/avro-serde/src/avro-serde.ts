import { createHash } from 'node:crypto';
import type { Type } from 'avsc';
import { EncodedValue } from '@furnish/shared-stage-api';
import { isFurnishError } from '@furnish/shared-util-errors';
import { decodeLimitsFromEnv } from './avro-serde.config';
import { backwardIncompatibilities } from './backward-compatibility';
import { assertBoundedAvroDecoding, decodeAvroBody, safeReason, type AvroDecodeLimits } from './bounded-decoding';
import { AvroDecodeError, AvroEncodeError, SchemaIncompatibleError, SchemaNotRegisteredError } from './errors';
import type { SchemaRegistryClient } from './schema-registry.client';
import { frame, unframe } from './wire-format';

/** Where the serde gets the schemas this code was built with (the repository's schemas/*.avsc). */
export interface TopicSchemaSource {
  /** The schema values on `topic` are written with and read as: the newest local version. */
  schemaForTopic(topic: string): { readonly name: string; readonly schema: string; readonly type: Type };
  /** Parses a writer schema fetched from the registry, with the same logical types. */
  parse(schema: string): Type;
  /** TopicNameStrategy: `<topic>-value`. */
  subjectForTopic(topic: string): string;
  /**
   * A projection of the topic's schema to read values as, when the service needs only some of
   * their fields; the rest is skipped. Undefined: read the whole schema.
   */
  readerForTopic?(topic: string): Type | undefined;
}

export interface AvroSerdeOptions {
  /**
   * Register missing schemas on first use. Off in services (stack-up and deploy register them,
   * so a service can never publish a schema nobody reviewed); on in tools and tests.
   */
  readonly autoRegister?: boolean;
  /** Bounds on what one message may declare; default from the environment (`AVRO_MAX_COLLECTION_ITEMS`). */
  readonly decodeLimits?: AvroDecodeLimits;
}

interface Resolution {
  readonly reader: Type;
  /** Absent when the writer schema is the reader schema, the common fast path. */
  readonly resolver?: unknown;
  /** The whole value as an output can embed it: its bytes when they are in the current schema. */
  embeddable(body: Buffer, value: unknown): EncodedValue<unknown>;
}

/** A decoded value (a projection when the topic has one), and the whole value as an output can embed it. */
export interface DecodedValue<T> {
  readonly value: T;
  readonly encoded: EncodedValue<unknown>;
}

/**
 * Avro values in the Confluent wire format. Encoding uses the local schema's registry id (looked
 * up once per topic); decoding resolves the writer schema named by each message's id against the
 * local reader schema, so messages written with an older compatible version still decode.
 */
export class AvroSerde {
  private readonly writerIds = new Map<string, Promise<number>>();
  private readonly resolutions = new Map<string, Promise<Resolution>>();
  private readonly decodeLimits: AvroDecodeLimits;

  /** Fails (at start-up, where services build it) on an invalid `AVRO_MAX_COLLECTION_ITEMS` or an unpatched avsc. */
  constructor(
    private readonly registry: SchemaRegistryClient,
    private readonly schemas: TopicSchemaSource,
    private readonly options: AvroSerdeOptions = {},
  ) {
    assertBoundedAvroDecoding();
    this.decodeLimits = options.decodeLimits ?? decodeLimitsFromEnv();
  }

  async encode(topic: string, value: unknown): Promise<Buffer> {
    const { name, type } = this.schemas.schemaForTopic(topic);
    const id = await this.writerId(topic);
    let body: Buffer;
    try {
      body = hasEncodedField(value) ? encodeSpliced(type, value) : type.toBuffer(value);
    } catch {
      throw new AvroEncodeError(name, invalidPaths(type, withoutEncodedFields(value)));
    }
    return frame(id, body);
  }

  async decode<T>(topic: string, message: Buffer | null): Promise<T> {
    return (await this.decodeRecord<T>(topic, message)).value;
  }

  /** Decodes, and keeps the body beside the value when it can be embedded in an output as it is. */
  async decodeRecord<T>(topic: string, message: Buffer | null): Promise<DecodedValue<T>> {
    const { schemaId, body } = unframe(message);
    const { reader, resolver, embeddable } = await this.resolution(topic, schemaId);
    const value = this.decodeBody<T>(reader, body, resolver, topic, schemaId);
    return { value, encoded: embeddable(body, value) };
  }

  private decodeBody<T>(reader: Type, body: Buffer, resolver: unknown, topic: string, schemaId: number): T {
    return decodeAvroBody<T>(reader, body, resolver, this.decodeLimits, () => `a ${this.schemas.schemaForTopic(topic).name} value written with schema id ${schemaId}`);
  }

  /**
   * Registers the local schema for the topic's subject after checking it is BACKWARD compatible
   * with the latest registered version; returns its id. Registering an identical schema is a no-op.
   */
  async register(topic: string): Promise<number> {
    return this.registerUnder(this.schemas.subjectForTopic(topic), this.schemas.schemaForTopic(topic).schema);
  }

  /**
   * Registers `schema` (the JSON text of one released version) under `subject`, checked BACKWARD
   * against the latest registered version as `register` does; the provisioner registers every
   * released version of a topic's schema, oldest first, so producers of an older version find theirs.
   */
  async registerUnder(subject: string, schema: string): Promise<number> {
    const existing = await this.registry.lookup(subject, schema);
    if (existing) return existing.id;
    // Set before the first version too: some registries (Apicurio) default to NONE.
    await this.registry.setCompatibility(subject, 'BACKWARD');
    const latest = await this.registry.latest(subject);
    if (latest) {
      const problems = backwardIncompatibilities(JSON.parse(schema), JSON.parse(latest.schema));
      if (problems.length > 0) throw new SchemaIncompatibleError(subject, problems);
    }
    return this.registry.register(subject, schema);
  }

  private writerId(topic: string): Promise<number> {
    let id = this.writerIds.get(topic);
    if (!id) {
      id = this.findWriterId(topic);
      id.catch(() => this.writerIds.delete(topic));
      this.writerIds.set(topic, id);
    }
    return id;
  }

  private async findWriterId(topic: string): Promise<number> {
    if (this.options.autoRegister) return this.register(topic);
    const subject = this.schemas.subjectForTopic(topic);
    const found = await this.registry.lookup(subject, this.schemas.schemaForTopic(topic).schema);
    if (!found) throw new SchemaNotRegisteredError(subject);
    return found.id;
  }

  private resolution(topic: string, schemaId: number): Promise<Resolution> {
    const key = `${topic}\u0000${schemaId}`;
    let resolution = this.resolutions.get(key);
    if (!resolution) {
      resolution = this.resolve(topic, schemaId);
      resolution.catch(() => this.resolutions.delete(key));
      this.resolutions.set(key, resolution);
    }
    return resolution;
  }

  private async resolve(topic: string, schemaId: number): Promise<Resolution> {
    const local = this.schemas.schemaForTopic(topic);
    const writerSchema = await this.registry.schemaById(schemaId);
    const projection = this.schemas.readerForTopic?.(topic);
    try {
      const writer = this.schemas.parse(writerSchema);
      // Same Parsing Canonical Form, same bytes: registries may reorder attributes and keep docs,
      // so the text of the registered schema is not compared.
      if (fingerprintOf(writer) === fingerprintOf(local.type)) {
        const fingerprint = fingerprintOf(local.type);
        if (!projection) return { reader: local.type, embeddable: (body, value) => new EncodedValue(() => value, body, fingerprint) };
        return {
          reader: projection,
          resolver: projection.createResolver(local.type),
          // The projection skipped most of the body; whoever needs the whole value decodes it, as bounded.
          embeddable: (body) => new EncodedValue(() => this.decodeBody(local.type, body, undefined, topic, schemaId), body, fingerprint),
        };
      }
      // Another version: read it whole (a projection's fields are among them); outputs encode it anew.
      return { reader: local.type, resolver: local.type.createResolver(writer), embeddable: (_body, value) => EncodedValue.ofValue(value) };
    } catch (cause) {
      if (isFurnishError(cause)) throw cause;
      const problems = backwardIncompatibilities(JSON.parse(local.schema), JSON.parse(writerSchema));
      throw new AvroDecodeError(
        `schema id ${schemaId} cannot be read as ${local.name}: ${problems.length > 0 ? problems.join('; ') : safeReason(cause)}`,
        cause,
      );
    }
  }
}

/**
 * Avro writes a record as its fields' encodings one after another, so a field given as an
 * EncodedValue in the field's own schema is copied as bytes and only the other fields are encoded.
 */
function encodeSpliced(type: Type, value: Record<string, unknown>): Buffer {
  const fields = (type as unknown as { fields: readonly { name: string; type: Type; defaultValue(): unknown }[] }).fields;
  return Buffer.concat(
    fields.map(({ name, type: fieldType, defaultValue }) => {
      const field = value[name] === undefined ? defaultValue() : value[name];
      if (!(field instanceof EncodedValue)) return fieldType.toBuffer(field);
      return field.bytes && field.schemaFingerprint === fingerprintOf(fieldType) ? field.bytes : fieldType.toBuffer(field.value);
    }),
  );
}

function hasEncodedField(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  for (const key in value) if ((value as Record<string, unknown>)[key] instanceof EncodedValue) return true;
  return false;
}

function withoutEncodedFields(value: unknown): unknown {
  if (!hasEncodedField(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, field instanceof EncodedValue ? field.value : field]));
}

const FINGERPRINTS = new WeakMap<Type, string>();
/**
 * Identifies what a schema's bytes mean: its Parsing Canonical Form plus the logical types and their
 * parameters, which the canonical form drops (decimal(12,2) and decimal(12,4) share one). Docs,
 * defaults, custom attributes and the order a registry stores attributes in do not count.
 */
function fingerprintOf(type: Type): string {
  let fingerprint = FINGERPRINTS.get(type);
  if (fingerprint === undefined) {
    fingerprint = createHash('sha256').update(JSON.stringify(wireForm(type.schema({ exportAttrs: true })))).digest('hex');
    FINGERPRINTS.set(type, fingerprint);
  }
  return fingerprint;
}

const WIRE_ATTRIBUTES = ['name', 'type', 'fields', 'items', 'values', 'symbols', 'size', 'logicalType', 'precision', 'scale'];

function wireForm(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(wireForm);
  if (typeof node !== 'object' || node === null) return node;
  const object = node as Record<string, unknown>;
  return Object.fromEntries(WIRE_ATTRIBUTES.filter((key) => object[key] !== undefined).map((key) => [key, wireForm(object[key])]));
}

function invalidPaths(type: Type, value: unknown): string[] {
  const paths: string[] = [];
  type.isValid(value, {
    errorHook: (path: string[]) => {
      paths.push(path.length > 0 ? path.join('.') : '(root)');
    },
  });
  return paths.length > 0 ? paths : ['(unknown)'];
}
