import { Type, type Resolver } from 'avsc';
import { isFurnishError } from '@furnish/shared-util-errors';
import { AvroDeclaredSizeError, AvroDecodeError, AvroItemLimitError, AvroUnboundedDecoderError } from './errors';

/**
 * Bounded decoding. avsc is patched (`patches/avsc+5.7.9.patch`, applied by `npm install` and `npm ci`;
 * see patches/README.md) to check every size a message declares before using it: string and bytes
 * lengths, array and map block counts and block byte sizes must be >= 0 and fit in the bytes left
 * (a block of N items needs at least N times its items' smallest encoding), and one message may
 * declare at most `maxCollectionItems` array items and map entries over all its arrays and maps,
 * which also bounds items that encode in zero bytes (null, empty records). Unpatched, a loan event
 * declaring 2^40 array items hangs a projection reader and a consent event declaring 10^8 items
 * exhausts the heap. The same bug in Avro's own JavaScript SDK: https://github.com/apache/avro/pull/3866.
 */
export const DEFAULT_MAX_COLLECTION_ITEMS = 1_000_000;

export interface AvroDecodeLimits {
  /** The most array items and map entries one message may declare, over all its arrays and maps. */
  readonly maxCollectionItems: number;
}

/** What the patched avsc throws when a declared size fails its check (the patch's `DeclaredSizeError`). */
interface DeclaredSizeFault {
  readonly code: 'ERR_AVRO_DECLARED_SIZE' | 'ERR_AVRO_ITEM_LIMIT';
  readonly message: string;
}

function declaredSizeFault(error: unknown): DeclaredSizeFault | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return code === 'ERR_AVRO_DECLARED_SIZE' || code === 'ERR_AVRO_ITEM_LIMIT' ? (error as Error & DeclaredSizeFault) : undefined;
}

/**
 * Decodes one Avro body with `reader` (through `resolver` when it was written with another schema),
 * bounded by `limits`. Fails with AvroDeclaredSizeError (a size the bytes cannot hold, or negative),
 * AvroItemLimitError (over `maxCollectionItems`) or AvroDecodeError, each naming `what` was decoded
 * (e.g. "a LoanEvent value written with schema id 3") and never a value.
 */
export function decodeAvroBody<T>(reader: Type, body: Buffer, resolver: unknown, limits: AvroDecodeLimits, what: () => string): T {
  try {
    return reader.fromBuffer(body, resolver as Resolver | undefined, false, limits) as T;
  } catch (cause) {
    if (isFurnishError(cause)) throw cause;
    const fault = declaredSizeFault(cause);
    if (fault?.code === 'ERR_AVRO_ITEM_LIMIT') {
      throw new AvroItemLimitError(`cannot decode ${what()}: ${fault.message} (AVRO_MAX_COLLECTION_ITEMS)`, cause);
    }
    if (fault) throw new AvroDeclaredSizeError(`cannot decode ${what()}: ${fault.message}`, cause);
    throw new AvroDecodeError(`cannot decode ${what()}: ${safeReason(cause)}`, cause);
  }
}

/** An array declaring one int item and holding no bytes: the patched avsc names the size, the unpatched one says "truncated buffer". */
const PROBE_TYPE = Type.forSchema({ type: 'array', items: 'int' });
const PROBE_BODY = Buffer.from([0x02]);

/**
 * Fails unless the installed avsc carries the bounded-decoding patch: an install that skipped
 * scripts (`npm ci --ignore-scripts`) or an avsc upgrade without the patch must not run.
 */
export function assertBoundedAvroDecoding(): void {
  try {
    PROBE_TYPE.fromBuffer(PROBE_BODY);
  } catch (error) {
    if (declaredSizeFault(error)) return;
  }
  throw new AvroUnboundedDecoderError(
    'the installed avsc does not bound declared sizes: install dependencies with their scripts (npm ci applies patches/avsc+5.7.9.patch; see patches/README.md)',
  );
}

/** avsc's own decode messages ("truncated buffer", "invalid union index") and our logical types' carry no data values. */
export function safeReason(cause: unknown): string {
  if (isFurnishError(cause)) return cause.message;
  if (cause instanceof Error && cause.name === 'LogicalTypeError') return cause.message.slice(0, 200);
  if (cause instanceof Error && /^(truncated buffer|trailing data|invalid |cannot read )/i.test(cause.message)) {
    return cause.message.slice(0, 200);
  }
  return 'malformed Avro body';
}
