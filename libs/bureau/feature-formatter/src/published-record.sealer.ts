import { z } from 'zod';
import type { SealedRecord } from '@furnish/consent-release-gate';
import { FurnishError } from '@furnish/shared-util-errors';
import { keyRingFromSecret, openEnvelope, sealEnvelope, SealedValueUnreadableError, type EnvelopeFormat, type KeyRing, type KeyRingVariables } from '@furnish/shared-util-sealing';

/** The key ring of the published records kept sealed for their deletion (docs/configuration.md). */
export const PUBLISHED_RECORD_KEY_VARIABLES: KeyRingVariables = {
  file: 'FURNISHED_RECORD_KEK_FILE',
  current: 'FURNISHED_RECORD_KEK_CURRENT',
  seals: 'published records kept for their deletion',
};

export const PUBLISHED_RECORD_KEY_ENV = {
  /** A mounted secret: `<key-id>:<base64 of 32 bytes>` per line; only the bureau-formatter has it. */
  FURNISHED_RECORD_KEK_FILE: z.string().min(1, 'must be a file path').optional(),
  /** The key id new sealed copies use; required when FURNISHED_RECORD_KEK_FILE holds more than one key. */
  FURNISHED_RECORD_KEK_CURRENT: z.string().min(1, 'must name a key id of FURNISHED_RECORD_KEK_FILE').optional(),
};

/**
 * The ring in the repository, for local development only (FURNISH_ENV=local); refused elsewhere,
 * so a leaked repository opens no production row.
 */
export const DEVELOPMENT_PUBLISHED_RECORD_KEYS = 'local-development:ZnVybmlzaC1sb2NhbC1zZWFsZWQtcmVjb3JkLWtleSE=';

export interface PublishedRecordKeySettings {
  readonly FURNISHED_RECORD_KEK_FILE?: string | undefined;
  readonly FURNISHED_RECORD_KEK_CURRENT?: string | undefined;
  readonly FURNISH_ENV?: string | undefined;
}

/** The ring from the environment, or a ConfigError naming the variable; never echoes key material. */
export function publishedRecordKeyRingOf(settings: PublishedRecordKeySettings, read?: (file: string) => string): KeyRing {
  return keyRingFromSecret(
    PUBLISHED_RECORD_KEY_VARIABLES,
    DEVELOPMENT_PUBLISHED_RECORD_KEYS,
    { file: settings.FURNISHED_RECORD_KEK_FILE, current: settings.FURNISHED_RECORD_KEK_CURRENT, furnishEnv: settings.FURNISH_ENV },
    read,
  );
}

/**
 * A sealed copy names a key the ring no longer holds: the deployment removed a key too early
 * (rotation, docs/operations.md). No record of the partition can be deleted until it is back.
 */
export class SealedRecordKeyUnknownError extends FurnishError {
  constructor(message: string) {
    super('SEALED_RECORD_KEY_UNKNOWN', message, 'halt');
  }
}

/** A sealed copy does not open (altered, truncated, or copied from another row): its deletion is dead-lettered. */
export class SealedRecordUnreadableError extends FurnishError {
  constructor(message: string) {
    super('SEALED_RECORD_UNREADABLE', message, 'dead-letter');
  }
}

const PUBLISHED_RECORD_ENVELOPE: EnvelopeFormat = { magic: 'FPR1', what: 'published record', boundTo: 'this record id (altered, or copied from another row)' };

/**
 * Seals the records a deletion must repeat (the Metro 2 Base segment a DA is built from) before
 * they are stored, and opens them to build the deletion. Envelope encryption under the formatter's
 * own key ring, bound to the record id, so a sealed copy moved to another row does not open.
 */
export class PublishedRecordSealer {
  constructor(private readonly ring: KeyRing) {}

  seal(recordId: string, payload: string): SealedRecord {
    return { bytes: sealEnvelope(PUBLISHED_RECORD_ENVELOPE, this.ring.current, associatedData(recordId), Buffer.from(payload, 'utf8')), keyId: this.ring.current.id };
  }

  /** The published record; throws SealedRecordKeyUnknownError (halt) or SealedRecordUnreadableError (dead-letter). */
  open(recordId: string, sealed: SealedRecord): string {
    try {
      return openEnvelope(PUBLISHED_RECORD_ENVELOPE, this.ring, associatedData(recordId), sealed.bytes).toString('utf8');
    } catch (error) {
      if (!(error instanceof SealedValueUnreadableError)) throw error;
      const message = `the sealed copy of record ${recordId} cannot be opened: ${error.message}`;
      throw error.reason === 'key-unknown' ? new SealedRecordKeyUnknownError(message) : new SealedRecordUnreadableError(message);
    }
  }
}

const associatedData =
  (recordId: string) =>
  (keyId: string): Buffer =>
    Buffer.from(JSON.stringify(['furnish-published-record-v1', keyId, recordId]), 'utf8');
