import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SchemaCatalogError } from './errors';

/** Points the catalog at another schemas folder, e.g. in a container image that copies it elsewhere. */
export const SCHEMAS_DIR_ENV = 'FURNISH_SCHEMAS_DIR';

/**
 * The repository's schemas/ folder: `FURNISH_SCHEMAS_DIR` if set, otherwise the nearest folder
 * named schemas/ holding .avsc files, walking up from this file, so the result does not depend on
 * the working directory.
 */
export function resolveSchemasDir(start: string = __dirname, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[SCHEMAS_DIR_ENV];
  if (override) {
    const dir = path.resolve(override);
    if (!isDirectory(dir)) throw new SchemaCatalogError(`${SCHEMAS_DIR_ENV}=${override} is not a directory`);
    return dir;
  }
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'schemas');
    if (isDirectory(candidate) && readdirSync(candidate).some((file) => file.endsWith('.avsc'))) return candidate;
    if (path.dirname(dir) === dir) {
      throw new SchemaCatalogError(`no schemas/ folder with .avsc files above ${start}; set ${SCHEMAS_DIR_ENV}`);
    }
  }
}

const isDirectory = (dir: string): boolean => existsSync(dir) && statSync(dir).isDirectory();
