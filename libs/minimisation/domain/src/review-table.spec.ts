import { schemaCatalog } from '@furnish/shared-contracts';
import { MINIMISATION_POLICIES, POLICY_FILES } from './policies';
import { renderReviewTable } from './review-table';

const render = (bureau: keyof typeof MINIMISATION_POLICIES) =>
  renderReviewTable({ policy: MINIMISATION_POLICIES[bureau], policyFile: POLICY_FILES[bureau], catalog: schemaCatalog(), command: 'regenerate' });

const section = (markdown: string, heading: string): string => markdown.split(/\n(?=## )/).find((part) => part.startsWith(`## ${heading}`)) ?? '';

describe('renderReviewTable', () => {
  const baihang = render('baihang');

  it('lists each released field with its tag, requirement, normalisation and reason', () => {
    const released = section(baihang, 'Released fields');
    expect(released).toContain('| `borrower.idNumber` | identity | yes | PRC resident id only: separators removed, upper-case X');
    expect(released).toContain('pid 身份证号码');
    expect(released).toContain('| `borrower.phone` | contact | yes | E.164 (+ and digits only;');
    expect(released).not.toContain('`transaction');
  });

  it('lists every field withheld from the bureau, consumption details included', () => {
    const withheld = section(baihang, 'Withheld fields');
    for (const path of ['borrower.email', 'borrower.address.line1', 'transaction.purchasedItems[].description', 'transaction.geoLocation.latitude', 'transaction.deviceId']) {
      expect(withheld).toContain(`| \`${path}\` |`);
    }
    expect(withheld).not.toContain('`borrower.idNumber`');
  });

  it('states the closed world, the rejection rule and the one-of rules', () => {
    const metro2 = render('metro2');
    expect(metro2).toContain('including any field a future schema version adds');
    expect(metro2).toContain('`EVENT_INVALID`');
    expect(metro2).toContain('At least one of `borrower.idNumber`, `borrower.dateOfBirth` must be present (`metro2.ssn-or-dob`)');
    expect(metro2).toContain('x-furnish-minimisation-policy: metro2@4');
  });

  it.each(['pboc-crc', 'baihang', 'metro2'] as const)('%s: every table row has its columns (separators in cells are escaped)', (bureau) => {
    const markdown = render(bureau);
    const cells = (heading: string) =>
      section(markdown, heading)
        .split('\n')
        .filter((line) => line.startsWith('| `'))
        .map((line) => line.split(/(?<!\\)\|/).length - 2);
    expect(new Set(cells('Released fields'))).toEqual(new Set([5]));
    expect(new Set(cells('Withheld fields'))).toEqual(new Set([2]));
  });
});
