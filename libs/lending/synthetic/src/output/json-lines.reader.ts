import Big from 'big.js';
import { TOPICS, indexNamedTypes, resolveNode, schemaCatalog, type AvroSchemaJson, type NamedTypeIndex } from '@furnish/shared-contracts';
import type { SyntheticRecord } from './synthetic-records';

/**
 * Reads a line written by toJsonLine back into typed values (Big, Date) by walking the topic's
 * Avro schema, so a JSON-lines file can be replayed from TypeScript as well.
 */
export function fromJsonLine(line: string): SyntheticRecord {
  const { topic, key, value } = JSON.parse(line) as { topic: string; key: string; value: unknown };
  if (topic !== TOPICS.loanEvents && topic !== TOPICS.consentEvents) throw new Error(`not a synthetic lender topic: ${topic}`);
  const schema = schemaCatalog().latest(topic === TOPICS.loanEvents ? 'loan-event' : 'consent-event').json;
  return { topic, key, value: revive(value, schema, undefined, indexNamedTypes(schema)) } as SyntheticRecord;
}

function revive(value: unknown, node: AvroSchemaJson, namespace: string | undefined, index: NamedTypeIndex): unknown {
  if (value === null) return null;
  const resolved = resolveNode(node, namespace, index);
  switch (resolved.kind) {
    case 'record': {
      const source = value as Record<string, unknown>;
      const { schema, namespace: inner } = resolved.definition;
      return Object.fromEntries((schema.fields ?? []).map((field) => [field.name, revive(source[field.name] ?? null, field.type, inner, index)]));
    }
    case 'union': {
      const branch = resolved.branches.find((b) => b !== 'null');
      return branch === undefined ? null : revive(value, branch, namespace, index);
    }
    case 'array':
      return (value as readonly unknown[]).map((item) => revive(item, resolved.items, namespace, index));
    case 'primitive':
      if (resolved.logicalType === 'decimal') return new Big(value as string);
      if (resolved.logicalType === 'timestamp-millis') return new Date(value as string);
      return value;
    default:
      return value;
  }
}
