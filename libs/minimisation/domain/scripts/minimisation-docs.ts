/**
 * Writes docs/minimisation/<bureau>.md, the compliance review table of each bureau's minimisation
 * policy, from the policy data and the schemas. Run with
 * `node tools/run.js libs/minimisation/domain/scripts/minimisation-docs.ts`; a spec fails when the
 * committed files differ from what this would write.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BUREAUS, schemaCatalog, type SchemaCatalog } from '@furnish/shared-contracts';
import { MINIMISATION_POLICIES, POLICY_FILES } from '../src/policies';
import { renderReviewTable } from '../src/review-table';

export const REVIEW_DOCS_DIR = path.resolve(__dirname, '../../../../docs/minimisation');
export const REVIEW_DOCS_COMMAND = 'node tools/run.js libs/minimisation/domain/scripts/minimisation-docs.ts';

/** Rendered files by name (`pboc-crc.md`, …), deterministic for given policies and schemas. */
export function renderReviewDocs(catalog: SchemaCatalog = schemaCatalog()): Map<string, string> {
  return new Map(
    BUREAUS.map((bureau) => [
      `${bureau}.md`,
      renderReviewTable({ policy: MINIMISATION_POLICIES[bureau], policyFile: POLICY_FILES[bureau], catalog, command: REVIEW_DOCS_COMMAND }),
    ]),
  );
}

/** Replaces the folder's .md files with freshly rendered ones. */
export function writeReviewDocs(dir: string = REVIEW_DOCS_DIR): string[] {
  const files = renderReviewDocs();
  mkdirSync(dir, { recursive: true });
  for (const stale of readdirSync(dir).filter((file) => file.endsWith('.md') && !files.has(file))) rmSync(path.join(dir, stale));
  for (const [file, content] of files) writeFileSync(path.join(dir, file), content);
  return [...files.keys()];
}

// tools/run.js loads this file with require(), so require.main is the launcher, not this module.
if (process.argv[1] === __filename) {
  const written = writeReviewDocs();
  console.log(`minimisation-docs: wrote ${written.join(', ')} to ${path.relative(process.cwd(), REVIEW_DOCS_DIR) || '.'}`);
}
