import { keyRingFromSecret, parseKeyRing, type KeyRing, type KeyRingVariables, type SealingKey } from '@furnish/shared-util-sealing';

/** A key-encryption key (KEK) of the dead-letter queues. */
export type DeadLetterKey = SealingKey;

/**
 * The keys dead letters are sealed and opened with (@furnish/shared-util-sealing). Rotation: add a
 * key, make it current, remove the old one once the DLQ retention has passed (docs/operations.md).
 */
export type DeadLetterKeyRing = KeyRing;

export const DEAD_LETTER_KEY_VARIABLES: KeyRingVariables = { file: 'DLQ_KEK_FILE', current: 'DLQ_KEK_CURRENT', seals: 'dead letters' };

/**
 * The key ring in the repository, for local development only: accepted with FURNISH_ENV=local and
 * refused elsewhere, so a leaked repository opens no production dead letter.
 */
export const DEVELOPMENT_DEAD_LETTER_KEYS = 'local-development:ZnVybmlzaC1sb2NhbC1kbHEta2V5LW5vdC1zZWNyZXQ=';

export interface DeadLetterKeySettings {
  /** A mounted secret: one `<key-id>:<base64 of 32 bytes>` per line; `#` starts a comment. */
  readonly DLQ_KEK_FILE?: string | undefined;
  /** The id of the key new dead letters are sealed under; may be left out when the file holds one key. */
  readonly DLQ_KEK_CURRENT?: string | undefined;
  readonly FURNISH_ENV?: string | undefined;
}

/**
 * The dead-letter key ring from the environment, or a ConfigError naming the variable: without
 * DLQ_KEK_FILE only local mode may use the development ring. Never echoes key material.
 */
export function deadLetterKeyRingOf(settings: DeadLetterKeySettings, read?: (file: string) => string): DeadLetterKeyRing {
  return keyRingFromSecret(DEAD_LETTER_KEY_VARIABLES, DEVELOPMENT_DEAD_LETTER_KEYS, { file: settings.DLQ_KEK_FILE, current: settings.DLQ_KEK_CURRENT, furnishEnv: settings.FURNISH_ENV }, read);
}

/** Parses dead-letter key-ring text (`<id>:<base64>` lines); problems name the line, never its key. */
export const parseDeadLetterKeys = (text: string, currentId?: string): DeadLetterKeyRing => parseKeyRing(DEAD_LETTER_KEY_VARIABLES, text, currentId);
