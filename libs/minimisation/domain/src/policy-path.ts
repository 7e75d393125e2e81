import type Big from 'big.js';

/** Values a policy treats as one field: scalars, and arrays of scalars (e.g. `account.scheduledDueDates`). */
type Scalar = string | number | boolean | bigint | Date | Big;

/**
 * Every leaf field path of `T`, written the way `classifyLeafFields` writes schema paths:
 * `borrower.idNumber`, `borrower.address.postalCode`, `transaction.purchasedItems[].description`.
 * Optional records (`Statement | null`) are walked through; arrays of records get `[]`.
 * A policy keyed by `LeafPath<MinimiserInput>` cannot name a field the input type does not have.
 */
export type LeafPath<T> = PathsOf<T, ''>;

type PathsOf<T, Prefix extends string> = {
  [K in keyof T & string]-?: FieldPaths<NonNullable<T[K]>, `${Prefix}${K}`>;
}[keyof T & string];

type FieldPaths<V, P extends string> = V extends Scalar
  ? P
  : V extends readonly (infer Item)[]
    ? NonNullable<Item> extends Scalar
      ? P
      : PathsOf<NonNullable<Item>, `${P}[].`>
    : V extends object
      ? PathsOf<V, `${P}.`>
      : P;

/** One step of a path: a field name, and whether the field is an array of records (`name[]`). */
export interface PathSegment {
  readonly name: string;
  readonly arrayOfRecords: boolean;
}

/** `transaction.purchasedItems[].sku` → transaction, purchasedItems (array of records), sku. */
export function parsePath(path: string): readonly PathSegment[] {
  return path.split('.').map((part) => {
    const arrayOfRecords = part.endsWith('[]');
    const name = arrayOfRecords ? part.slice(0, -2) : part;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`malformed field path ${JSON.stringify(path)}`);
    return { name, arrayOfRecords };
  });
}

/** Every proper ancestor of a path, nearest last: `a.b[].c` → `a`, `a.b`. */
export function ancestorPaths(path: string): readonly string[] {
  const names = parsePath(path).map((s) => s.name);
  const parts = path.split('.');
  return names.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('.').replace(/\[\]$/, ''));
}
