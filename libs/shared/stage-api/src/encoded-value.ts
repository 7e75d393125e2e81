/**
 * An input value together with the exact bytes it arrived as. A stage that embeds its input
 * unchanged in an output (the consent filter puts the whole loan event in every consented copy)
 * passes this instead of the value, and the encoder copies the bytes rather than encoding the value
 * again. The encoder checks `schemaFingerprint` against the output field's schema and encodes
 * `value` when they differ, so passing it is always safe.
 */
export class EncodedValue<T> {
  constructor(
    readonly value: T,
    /** The value's Avro binary encoding, without any framing. */
    readonly bytes: Buffer,
    /** Identifies the schema `bytes` are written in (its Parsing Canonical Form fingerprint). */
    readonly schemaFingerprint: string,
  ) {}
}

/** A record value some of whose fields may be given as their encoded input. */
export type WithEncodedFields<T> = { readonly [K in keyof T]: T[K] | EncodedValue<T[K]> };
