/**
 * An input value as a stage can embed it in an output unchanged (the consent filter puts the whole
 * loan event in every consented copy): the exact bytes it arrived as when they are in the current
 * schema, so the encoder copies them instead of encoding the value again. The encoder checks
 * `schemaFingerprint` against the output field's schema and encodes `value` when they differ or
 * there are no bytes, so passing it is always safe. `value` is decoded on first use: a stage that
 * reads only a projection of its input never builds the whole value.
 */
export class EncodedValue<T> {
  private decoded: { readonly value: T } | undefined;

  constructor(
    private readonly decode: () => T,
    /** The value's Avro binary encoding, without any framing; absent when it arrived in another schema version. */
    readonly bytes?: Buffer,
    /** Identifies the schema `bytes` are written in (its Parsing Canonical Form fingerprint). */
    readonly schemaFingerprint?: string,
  ) {}

  static ofValue<T>(value: T): EncodedValue<T> {
    return new EncodedValue(() => value);
  }

  get value(): T {
    this.decoded ??= { value: this.decode() };
    return this.decoded.value;
  }
}

/** A record value some of whose fields may be given as their encoded input. */
export type WithEncodedFields<T> = { readonly [K in keyof T]: T[K] | EncodedValue<T[K]> };
