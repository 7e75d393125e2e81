import { readFileSync } from 'node:fs';
import { ConfigError } from '@furnish/shared-util-config';

/** A key-encryption key (KEK): 32 random bytes under a stable id. */
export interface SealingKey {
  readonly id: string;
  readonly secret: Buffer;
}

/** The environment variables one key ring is configured by, named in every message about it. */
export interface KeyRingVariables {
  /** The mounted secret: one `<key-id>:<base64 of 32 bytes>` per line; `#` starts a comment. */
  readonly file: string;
  /** The id of the key new values are sealed under; may be left out when the file holds one key. */
  readonly current: string;
  /** What the ring seals, plural, for messages (e.g. "dead letters"). */
  readonly seals: string;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KEY_BYTES = 32;
const LOCAL_MODE = 'local';

/**
 * The keys values are sealed and opened with. New values are sealed under `current`; every key in
 * the ring still opens what was sealed under it, so rotation is "add a key, make it current, remove
 * the old one once nothing sealed under it is kept" (docs/operations.md).
 */
export class KeyRing {
  private readonly byId: ReadonlyMap<string, SealingKey>;
  readonly current: SealingKey;

  constructor(
    readonly variables: KeyRingVariables,
    keys: readonly SealingKey[],
    currentId: string,
  ) {
    this.byId = new Map(keys.map((key) => [key.id, key]));
    const current = this.byId.get(currentId);
    if (!current) throw new Error(`current key ${currentId} is not in the ring`);
    this.current = current;
  }

  key(id: string): SealingKey | undefined {
    return this.byId.get(id);
  }

  get keys(): readonly SealingKey[] {
    return [...this.byId.values()];
  }
}

/** What the environment says of one key ring (values of its KeyRingVariables, and FURNISH_ENV). */
export interface KeyRingSettings {
  readonly file?: string | undefined;
  readonly current?: string | undefined;
  readonly furnishEnv?: string | undefined;
}

/**
 * A key ring from its mounted secret, or a ConfigError naming the variable: without a file only
 * local mode (FURNISH_ENV=local) may use `developmentKeys`, the ring in the repository, and outside
 * local mode a file holding that development key is refused. Never echoes key material.
 */
export function keyRingFromSecret(
  variables: KeyRingVariables,
  developmentKeys: string,
  settings: KeyRingSettings,
  read: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): KeyRing {
  const local = settings.furnishEnv === LOCAL_MODE;
  if (settings.file === undefined || settings.file === '') {
    if (!local) throw new ConfigError([`${variables.file}: is not set; outside local mode (FURNISH_ENV=${LOCAL_MODE}) ${variables.seals} are sealed with a key from a secret`]);
    return parseKeyRing(variables, developmentKeys, settings.current);
  }
  let text: string;
  try {
    text = read(settings.file);
  } catch (error) {
    throw new ConfigError([`${variables.file}: cannot read the file ${settings.file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'})`]);
  }
  const ring = parseKeyRing(variables, text, settings.current);
  const development = parseKeyRing(variables, developmentKeys).current;
  if (!local && ring.keys.some((key) => key.secret.equals(development.secret))) {
    throw new ConfigError([`${variables.file}: holds the development key, refused outside local mode (FURNISH_ENV=${LOCAL_MODE}); generate one (docs/operations.md)`]);
  }
  return ring;
}

/** Parses key-ring text (`<id>:<base64>` lines); problems name the line, never its key. */
export function parseKeyRing(variables: KeyRingVariables, text: string, currentId?: string): KeyRing {
  const problems: string[] = [];
  const keys: SealingKey[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const id = colon < 0 ? '' : line.slice(0, colon).trim();
    const encoded = colon < 0 ? '' : line.slice(colon + 1).trim();
    const secret = Buffer.from(encoded, 'base64');
    if (!KEY_ID.test(id)) problems.push(`${variables.file}: line ${index + 1} must be <key-id>:<base64 key> with a key id of letters, digits, . _ - (at most 64)`);
    else if (keys.some((k) => k.id === id)) problems.push(`${variables.file}: key id ${id} appears twice`);
    else if (secret.length !== KEY_BYTES || secret.toString('base64') !== encoded) problems.push(`${variables.file}: key ${id} must be ${KEY_BYTES} bytes in base64`);
    else keys.push({ id, secret });
  });
  if (problems.length === 0 && keys.length === 0) problems.push(`${variables.file}: holds no key`);
  const current = currentId === undefined || currentId === '' ? (keys.length === 1 ? keys[0].id : undefined) : currentId;
  if (problems.length === 0 && current === undefined) {
    problems.push(`${variables.current}: must name the key new ${variables.seals} are sealed under when ${variables.file} holds several`);
  }
  if (problems.length === 0 && !keys.some((k) => k.id === current)) problems.push(`${variables.current}: names ${current}, which ${variables.file} does not hold`);
  if (problems.length > 0) throw new ConfigError(problems);
  return new KeyRing(variables, keys, current!);
}
