/**
 * Partial values for builders: nested plain objects merge into the default, anything else
 * (arrays, Big, Date, null, strings) replaces it. To fill a field whose default is null, pass a
 * complete value, e.g. `statement: aStatement()`.
 */
export type Overrides<T> = { readonly [K in keyof T]?: OverrideOf<T[K]> };
type OverrideOf<V> = V extends null | string | number | boolean | Date | Buffer | readonly unknown[] | { readonly c: number[] }
  ? V
  : V | Overrides<V>;

export function applyOverrides<T>(base: T, overrides: Overrides<T> | undefined): T {
  if (overrides === undefined) return base;
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? applyOverrides(current, value) : value;
  }
  return merged as T;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;
