import { readFileSync } from 'node:fs';
import { ConfigError } from '@furnish/shared-util-config';

/** A key-encryption key (KEK) of the dead-letter queues: 32 random bytes under a stable id. */
export interface DeadLetterKey {
  readonly id: string;
  readonly secret: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;

/**
 * The keys dead letters are sealed and opened with. New dead letters are sealed under `current`;
 * every key in the ring still opens the dead letters sealed under it, so rotation is "add a key,
 * make it current, remove the old one once the DLQ retention has passed" (docs/operations.md).
 */
export class DeadLetterKeyRing {
  private readonly byId: ReadonlyMap<string, DeadLetterKey>;

  constructor(
    keys: readonly DeadLetterKey[],
    currentId: string,
  ) {
    this.byId = new Map(keys.map((key) => [key.id, key]));
    if (!this.byId.has(currentId)) throw new Error(`current key ${currentId} is not in the ring`);
    this.current = this.byId.get(currentId)!;
  }

  readonly current: DeadLetterKey;

  key(id: string): DeadLetterKey | undefined {
    return this.byId.get(id);
  }

  get keys(): readonly DeadLetterKey[] {
    return [...this.byId.values()];
  }
}

/**
 * The key ring in the repository, for local development only: accepted with FURNISH_ENV=local and
 * refused elsewhere, so a leaked repository opens no production dead letter.
 */
export const DEVELOPMENT_DEAD_LETTER_KEYS = 'local-development:ZnVybmlzaC1sb2NhbC1kbHEta2V5LW5vdC1zZWNyZXQ=';
const LOCAL_MODE = 'local';

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
export function deadLetterKeyRingOf(settings: DeadLetterKeySettings, read: (file: string) => string = (file) => readFileSync(file, 'utf8')): DeadLetterKeyRing {
  const local = settings.FURNISH_ENV === LOCAL_MODE;
  if (settings.DLQ_KEK_FILE === undefined || settings.DLQ_KEK_FILE === '') {
    if (!local) {
      throw new ConfigError([`DLQ_KEK_FILE: is not set; outside local mode (FURNISH_ENV=${LOCAL_MODE}) dead letters are sealed with a key from a secret`]);
    }
    return parseDeadLetterKeys(DEVELOPMENT_DEAD_LETTER_KEYS, settings.DLQ_KEK_CURRENT);
  }
  let text: string;
  try {
    text = read(settings.DLQ_KEK_FILE);
  } catch (error) {
    throw new ConfigError([`DLQ_KEK_FILE: cannot read the file ${settings.DLQ_KEK_FILE} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  const ring = parseDeadLetterKeys(text, settings.DLQ_KEK_CURRENT);
  const development = parseDeadLetterKeys(DEVELOPMENT_DEAD_LETTER_KEYS).current;
  if (!local && ring.keys.some((key) => key.secret.equals(development.secret))) {
    throw new ConfigError([`DLQ_KEK_FILE: holds the development key, refused outside local mode (FURNISH_ENV=${LOCAL_MODE}); generate one (docs/operations.md)`]);
  }
  return ring;
}

/** Parses key-ring text (`<id>:<base64>` lines); problems name the line, never its key. */
export function parseDeadLetterKeys(text: string, currentId?: string): DeadLetterKeyRing {
  const problems: string[] = [];
  const keys: DeadLetterKey[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const id = colon < 0 ? '' : line.slice(0, colon).trim();
    const encoded = colon < 0 ? '' : line.slice(colon + 1).trim();
    const secret = Buffer.from(encoded, 'base64');
    if (!KEY_ID.test(id)) problems.push(`DLQ_KEK_FILE: line ${index + 1} must be <key-id>:<base64 key> with a key id of letters, digits, . _ - (at most 64)`);
    else if (keys.some((k) => k.id === id)) problems.push(`DLQ_KEK_FILE: key id ${id} appears twice`);
    else if (secret.length !== KEY_BYTES || secret.toString('base64') !== encoded) problems.push(`DLQ_KEK_FILE: key ${id} must be ${KEY_BYTES} bytes in base64`);
    else keys.push({ id, secret });
  });
  if (problems.length === 0 && keys.length === 0) problems.push('DLQ_KEK_FILE: holds no key');
  const current = currentId === undefined || currentId === '' ? (keys.length === 1 ? keys[0].id : undefined) : currentId;
  if (problems.length === 0 && current === undefined) problems.push('DLQ_KEK_CURRENT: must name the key new dead letters are sealed under when DLQ_KEK_FILE holds several');
  if (problems.length === 0 && !keys.some((k) => k.id === current)) problems.push(`DLQ_KEK_CURRENT: names ${current}, which DLQ_KEK_FILE does not hold`);
  if (problems.length > 0) throw new ConfigError(problems);
  return new DeadLetterKeyRing(keys, current!);
}
