import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REVIEW_DOCS_COMMAND, REVIEW_DOCS_DIR, renderReviewDocs } from './minimisation-docs';

describe('minimisation review tables (docs/minimisation)', () => {
  const rendered = renderReviewDocs();

  it(`match the policies (otherwise run ${REVIEW_DOCS_COMMAND})`, () => {
    const committed = existsSync(REVIEW_DOCS_DIR) ? readdirSync(REVIEW_DOCS_DIR).filter((file) => file.endsWith('.md')) : [];
    expect({ files: committed.sort() }).toEqual({ files: [...rendered.keys()].sort() });
    const stale = [...rendered].filter(([file, content]) => readFileSync(path.join(REVIEW_DOCS_DIR, file), 'utf8') !== content).map(([file]) => file);
    if (stale.length > 0) throw new Error(`docs/minimisation is stale (${stale.join(', ')}): run ${REVIEW_DOCS_COMMAND}`);
  });

  it('is deterministic', () => {
    expect(renderReviewDocs()).toEqual(rendered);
  });
});
