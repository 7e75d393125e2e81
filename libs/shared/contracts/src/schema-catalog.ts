import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Type } from 'avsc';
import { qualify, type AvroSchemaObject } from './avro-schema';
import { SchemaCatalogError } from './errors';
import type { SchemaValues } from './generated/schema-values';
import { LOGICAL_TYPES, parseAvroSchema } from './logical-types';
import { SCHEMA_NAMES, isSchemaName, type SchemaName } from './schema-names';
import { resolveSchemasDir } from './schemas-dir';
import { schemaNameForTopic, subjectForTopic } from './topic-schemas';

/** One released version of a schema, `schemas/<name>.v<version>.avsc`. */
export interface SchemaVersion<T = unknown> {
  /** File name stem, e.g. `loan-event`. */
  readonly name: SchemaName;
  readonly version: number;
  /** Full Avro name of the top-level record, e.g. `com.furnish.lending.LoanEvent`. */
  readonly fullName: string;
  readonly file: string;
  /** The schema as compact JSON, attributes included: what is registered with the schema registry. */
  readonly schema: string;
  readonly json: AvroSchemaObject;
  /** Parsed with Furnish's logical types (see parseAvroSchema). */
  readonly type: Type;
  encode(value: T): Buffer;
  decode(buffer: Buffer): T;
}

type ValueOf<N extends SchemaName> = N extends keyof SchemaValues ? SchemaValues[N] : unknown;

const FILE_PATTERN = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)\.avsc$/;

/**
 * All schemas of the repository, every released version, parsed once. The highest version of a
 * name is the current writer schema. Also serves avro-serde as its TopicSchemaSource.
 */
export class SchemaCatalog {
  private constructor(
    readonly directory: string,
    private readonly byName: ReadonlyMap<SchemaName, readonly SchemaVersion[]>,
  ) {}

  static load(directory: string = resolveSchemasDir()): SchemaCatalog {
    const byName = new Map<SchemaName, SchemaVersion[]>();
    for (const file of readdirSync(directory).filter((f) => f.endsWith('.avsc')).sort()) {
      const entry = loadFile(path.join(directory, file));
      byName.set(entry.name, [...(byName.get(entry.name) ?? []), entry]);
    }
    for (const name of SCHEMA_NAMES) {
      const versions = (byName.get(name) ?? []).sort((a, b) => a.version - b.version);
      if (versions.length === 0) throw new SchemaCatalogError(`${directory} has no ${name}.v1.avsc`);
      versions.forEach((entry, i) => {
        if (entry.version !== i + 1) throw new SchemaCatalogError(`${name}.v${i + 1}.avsc is missing: released versions are kept forever`);
        if (entry.fullName !== versions[0].fullName) {
          throw new SchemaCatalogError(`${path.basename(entry.file)} renames the record ${versions[0].fullName} to ${entry.fullName}`);
        }
      });
    }
    return new SchemaCatalog(directory, byName);
  }

  names(): readonly SchemaName[] {
    return SCHEMA_NAMES;
  }

  versions<N extends SchemaName>(name: N): readonly SchemaVersion<ValueOf<N>>[] {
    return this.byName.get(name) as readonly SchemaVersion<ValueOf<N>>[];
  }

  latest<N extends SchemaName>(name: N): SchemaVersion<ValueOf<N>> {
    const versions = this.versions(name);
    return versions[versions.length - 1];
  }

  version<N extends SchemaName>(name: N, version: number): SchemaVersion<ValueOf<N>> {
    const found = this.versions(name)[version - 1];
    if (!found) throw new SchemaCatalogError(`${name}.v${version}.avsc does not exist`);
    return found;
  }

  /** Every version of every schema. */
  all(): readonly SchemaVersion[] {
    return SCHEMA_NAMES.flatMap((name) => this.versions(name));
  }

  /** The current writer schema of a topic's values. */
  schemaForTopic(topic: string): SchemaVersion {
    return this.latest(schemaNameForTopic(topic));
  }

  /** Parses a writer schema from the registry with the same logical types and options. */
  parse(schema: string): Type {
    return parseAvroSchema(schema);
  }

  subjectForTopic(topic: string): string {
    return subjectForTopic(topic);
  }

  /**
   * This catalogue as a topic schema source that reads `topic` through `reader`, a projection of
   * its schema (projectSchema), so a stage decodes only the fields it uses. The topic's schema is
   * unchanged for everything else: writing, and recognising bytes an output can embed as they are.
   */
  readingTopicWith(topic: string, reader: AvroSchemaObject): TopicSchemaSourceView {
    const projection = parseAvroSchema(reader);
    return {
      schemaForTopic: (name) => this.schemaForTopic(name),
      readerForTopic: (name) => (name === topic ? projection : undefined),
      parse: (text) => this.parse(text),
      subjectForTopic: (name) => this.subjectForTopic(name),
    };
  }
}

/** What avro-serde needs of a catalogue (its TopicSchemaSource), without depending on it. */
export type TopicSchemaSourceView = Pick<SchemaCatalog, 'schemaForTopic' | 'parse' | 'subjectForTopic'> & {
  readerForTopic(topic: string): Type | undefined;
};

let defaultCatalog: SchemaCatalog | undefined;

/** The repository's catalog, loaded on first use. */
export function schemaCatalog(): SchemaCatalog {
  defaultCatalog ??= SchemaCatalog.load();
  return defaultCatalog;
}

function loadFile(file: string): SchemaVersion {
  const match = FILE_PATTERN.exec(path.basename(file));
  if (!match || !isSchemaName(match[1])) {
    throw new SchemaCatalogError(`${path.basename(file)}: expected <name>.v<N>.avsc with a name from SCHEMA_NAMES`);
  }
  let json: AvroSchemaObject;
  let type: Type;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as AvroSchemaObject;
    const unknown = unknownLogicalTypes(json);
    if (unknown.length > 0) throw new Error(`unsupported logical types: ${unknown.join(', ')}`);
    type = parseAvroSchema(json);
  } catch (cause) {
    throw new SchemaCatalogError(`${path.basename(file)} is not a valid schema: ${(cause as Error).message}`, { cause });
  }
  if (json.type !== 'record' || typeof json.name !== 'string') {
    throw new SchemaCatalogError(`${path.basename(file)}: the top-level type must be a named record`);
  }
  return {
    name: match[1],
    version: Number(match[2]),
    fullName: qualify(json.name, json.namespace),
    file,
    schema: JSON.stringify(json),
    json,
    type,
    encode: (value) => type.toBuffer(value),
    decode: (buffer) => type.fromBuffer(buffer),
  };
}

function unknownLogicalTypes(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(unknownLogicalTypes);
  if (node === null || typeof node !== 'object') return [];
  const own = (node as { logicalType?: unknown }).logicalType;
  const found = own !== undefined && !Object.hasOwn(LOGICAL_TYPES, String(own)) ? [String(own)] : [];
  return [...found, ...Object.values(node).flatMap(unknownLogicalTypes)];
}
