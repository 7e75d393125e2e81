import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { schemaCatalog } from '../src/schema-catalog';
import { GENERATED_DIR, renderGeneratedFiles } from './avro-codegen';

describe('generated contracts', () => {
  const rendered = renderGeneratedFiles(schemaCatalog());

  it('match the schemas (otherwise run npm run codegen)', () => {
    const committed = readdirSync(GENERATED_DIR).filter((file) => file.endsWith('.ts'));
    expect({ files: committed.sort() }).toEqual({ files: [...rendered.keys()].sort() });
    const stale = [...rendered].filter(([file, content]) => readFileSync(path.join(GENERATED_DIR, file), 'utf8') !== content).map(([file]) => file);
    if (stale.length > 0) throw new Error(`generated contracts are stale (${stale.join(', ')}): run npm run codegen`);
  });

  it('is deterministic', () => {
    expect(renderGeneratedFiles(schemaCatalog())).toEqual(rendered);
  });

  it('maps Avro types to TypeScript', () => {
    const loanEvent = rendered.get('loan-event.ts') ?? '';
    expect(loanEvent).toContain('readonly occurredAt: Date;');
    expect(loanEvent).toContain('readonly openedOn: LocalDate;');
    expect(loanEvent).toContain('readonly creditLimit: Big | null;');
    expect(loanEvent).toContain('readonly purchasedItems: readonly PurchasedItem[];');
    expect(loanEvent).toContain('readonly transaction: Transaction | null;');
    expect(loanEvent).toContain('export type ProductType = (typeof PRODUCT_TYPE_SYMBOLS)[number];');
    expect(rendered.get('consented-loan-event.ts')).toContain("import type { LoanEvent } from './loan-event';");
  });
});
