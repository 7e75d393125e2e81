import { randomBytes } from 'node:crypto';
import Big from 'big.js';
import {
  indexNamedTypes,
  resolveNode,
  toLocalDate,
  visitFields,
  type AvroSchemaJson,
  type AvroSchemaObject,
  type LoanEvent,
  type NamedTypeIndex,
} from '@furnish/shared-contracts';

/**
 * Canary values for a field: unique values whose every rendering we can search for in bytes and
 * text. Strings are the strongest (they survive any format); numbers, decimals and dates get
 * values no real data or other test carries, searched in each textual form a bureau format or a
 * log line could give them, and in their Avro encoding where it is long enough to be unique.
 */
export interface Canary {
  /** Loan-event path it was planted in, e.g. `transaction.purchasedItems[].description`. */
  readonly path: string;
  /** Forms to look for in text (UTF-8/latin1 decoded bytes, headers, logs). */
  readonly text: readonly string[];
  /** Forms to look for in raw message bytes (Avro encodings). */
  readonly bytes: readonly Buffer[];
}

export interface PlantedEvent {
  readonly event: LoanEvent;
  readonly canaries: readonly Canary[];
}

/** Kinds of leaf the planter can fill with a canary, and the ones it cannot (closed symbol sets). */
type LeafKind = 'string' | 'int' | 'double' | 'decimal' | 'date' | 'timestamp' | 'date-array' | 'enum' | 'enum-array' | 'boolean';
export const UNPLANTABLE_KINDS: readonly LeafKind[] = ['enum', 'enum-array', 'boolean'];

export class CanaryPlanter {
  private counter = 0;
  private readonly index: NamedTypeIndex;
  private readonly leaves: readonly { path: string; kind: LeafKind }[];

  /** `run` makes this run's canaries unlike any other run's. */
  constructor(
    loanEventSchema: AvroSchemaObject,
    readonly run: string = randomBytes(4).toString('hex').toUpperCase(),
  ) {
    this.index = indexNamedTypes(loanEventSchema);
    this.leaves = visitFields(loanEventSchema)
      .filter((f) => f.leaf)
      .map(({ path, field, namespace }) => ({ path, kind: leafKind(field.type, namespace, this.index) }));
  }

  /** Every leaf of the loan event the bureau must not receive, split into plantable and not. */
  coverage(released: ReadonlySet<string>): { planted: string[]; unplantable: string[] } {
    const withheld = this.leaves.filter((leaf) => !released.has(leaf.path));
    return {
      planted: withheld.filter((leaf) => !UNPLANTABLE_KINDS.includes(leaf.kind)).map((leaf) => leaf.path),
      unplantable: withheld.filter((leaf) => UNPLANTABLE_KINDS.includes(leaf.kind)).map((leaf) => leaf.path),
    };
  }

  /**
   * A copy of `event` with a fresh canary in every plantable leaf not in `released`, one per
   * array item; `fixed` gives chosen canary strings for some paths (e.g. the borrower id, which the
   * consent must name).
   */
  plant(event: LoanEvent, released: ReadonlySet<string>, fixed: Readonly<Record<string, string>> = {}): PlantedEvent {
    const copy = deepCopy(event) as Record<string, unknown>;
    const canaries: Canary[] = [];
    for (const { path, kind } of this.leaves) {
      if (released.has(path) || UNPLANTABLE_KINDS.includes(kind)) continue;
      setEach(copy, path, () => {
        if (fixed[path] !== undefined) {
          canaries.push({ path, text: [fixed[path]], bytes: [] });
          return fixed[path];
        }
        const { value, canary } = this.canaryOf(kind, path);
        canaries.push(canary);
        return value;
      });
    }
    return { event: copy as unknown as LoanEvent, canaries };
  }

  /** A canary string: upper-case letters and digits, so no format changes it by escaping or casing. */
  text(): string {
    this.counter += 1;
    return `CNRY${this.run}${String(this.counter).padStart(4, '0')}`;
  }

  private canaryOf(kind: LeafKind, path: string): { value: unknown; canary: Canary } {
    switch (kind) {
      case 'string': {
        const text = this.text();
        return { value: text, canary: { path, text: [text], bytes: [] } };
      }
      case 'int': {
        const n = 100_000_000 + randomInt(899_999_999);
        return { value: n, canary: { path, text: [String(n)], bytes: [] } };
      }
      case 'double': {
        const n = Number(`${10 + randomInt(80)}.${String(1_000_000 + randomInt(8_999_999))}`);
        const bytes = Buffer.alloc(8);
        bytes.writeDoubleLE(n);
        return { value: n, canary: { path, text: [String(n)], bytes: [bytes] } };
      }
      case 'decimal': {
        // Nine integer digits and a fraction below .50, so truncation and rounding give the same whole number.
        const whole = String(100_000_000 + randomInt(899_999_999));
        const cents = String(10 + randomInt(39));
        const value = new Big(`${whole}.${cents}`);
        return { value, canary: { path, text: [`${whole}.${cents}`, whole], bytes: [twosComplement(BigInt(`${whole}${cents}`))] } };
      }
      case 'date': {
        const date = canaryDate();
        return { value: date.local, canary: { path, text: date.forms, bytes: [] } };
      }
      case 'date-array': {
        const dates = [canaryDate(), canaryDate()];
        return { value: dates.map((d) => d.local), canary: { path, text: dates.flatMap((d) => d.forms), bytes: [] } };
      }
      case 'timestamp': {
        const date = canaryDate();
        const instant = new Date(`${date.local}T0${randomInt(9)}:${10 + randomInt(49)}:${10 + randomInt(49)}.${100 + randomInt(899)}Z`);
        return { value: instant, canary: { path, text: [...date.forms, String(instant.getTime())], bytes: [] } };
      }
      default:
        throw new Error(`cannot plant a canary in a ${kind} field (${path})`);
    }
  }
}

/** The canaries found in a piece of text or a message's bytes, by path and form. */
export function findCanaries(canaries: readonly Canary[], haystack: { readonly text?: string; readonly bytes?: Buffer | null }): string[] {
  const found: string[] = [];
  for (const canary of canaries) {
    for (const form of canary.text) {
      if (haystack.text?.includes(form) || haystack.bytes?.includes(Buffer.from(form, 'latin1'))) found.push(`${canary.path}: ${form}`);
    }
    for (const form of canary.bytes) if (haystack.bytes?.includes(form)) found.push(`${canary.path}: 0x${form.toString('hex')}`);
  }
  return found;
}

function leafKind(type: AvroSchemaJson, namespace: string | undefined, index: NamedTypeIndex): LeafKind {
  const resolved = resolveNode(type, namespace, index);
  switch (resolved.kind) {
    case 'union': {
      const branch = resolved.branches.find((b) => b !== 'null');
      if (branch === undefined) throw new Error('a union of null alone');
      return leafKind(branch, namespace, index);
    }
    case 'array': {
      const items = leafKind(resolved.items, namespace, index);
      if (items === 'date') return 'date-array';
      if (items === 'enum') return 'enum-array';
      throw new Error(`no canary kind for arrays of ${items}`);
    }
    case 'enum':
      return 'enum';
    case 'primitive':
      if (resolved.logicalType === 'decimal') return 'decimal';
      if (resolved.logicalType === 'date') return 'date';
      if (resolved.logicalType === 'timestamp-millis') return 'timestamp';
      if (resolved.name === 'string') return 'string';
      if (resolved.name === 'int' || resolved.name === 'long') return 'int';
      if (resolved.name === 'double' || resolved.name === 'float') return 'double';
      if (resolved.name === 'boolean') return 'boolean';
      throw new Error(`no canary kind for ${resolved.name}`);
    default:
      throw new Error(`no canary kind for ${resolved.kind}`);
  }
}

/** A date in 1903, a year no account, statement or borrower in the tests uses, in the forms formats write dates. */
function canaryDate(): { local: ReturnType<typeof toLocalDate>; forms: string[] } {
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  return { local: toLocalDate(`1903-${month}-${day}`), forms: [`1903-${month}-${day}`, `${month}${day}1903`, `1903${month}${day}`] };
}

/** Sets every value at `path` (through optional records and `[]` arrays) to `next()`. */
function setEach(root: Record<string, unknown>, path: string, next: () => unknown): void {
  const parts = path.split('.');
  const walk = (node: unknown, i: number): void => {
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const part = parts[i];
    if (i === parts.length - 1) {
      record[part] = next();
      return;
    }
    const name = part.replace(/\[\]$/, '');
    // An optional array left null (a loan-event v1 field) holds nothing to plant in.
    if (part.endsWith('[]')) ((record[name] as unknown[] | null) ?? []).forEach((item) => walk(item, i + 1));
    else walk(record[name], i + 1);
  };
  walk(root, 0);
}

function deepCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepCopy);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)]));
  }
  return value;
}

/** Minimal big-endian two's complement, as Avro encodes a decimal's unscaled value. */
function twosComplement(n: bigint): Buffer {
  let hex = n.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
}

const randomInt = (below: number): number => Math.floor(Math.random() * below);
