import type { BureauCoverage } from '@furnish/consent-domain';

const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);

/** The report as a compliance officer reads it: per bureau, accounts first, then events. */
export function renderCoverage(month: string, coverage: readonly BureauCoverage[]): string {
  const lines = [`Coverage of loan events that occurred in ${month} (UTC), from the consent audit trail`];
  for (const c of coverage) {
    lines.push('', `${c.bureau}`);
    lines.push(`  accounts with activity   ${c.accountsWithActivity}`);
    lines.push(`  accounts furnished       ${c.accountsFurnished} (${percent(c.accountsFurnished, c.accountsWithActivity)})`);
    const notFurnished = Object.entries(c.accountsNotFurnished);
    if (notFurnished.length > 0) {
      lines.push('  accounts not furnished, by the outcome of their latest event:');
      for (const [reason, count] of notFurnished) lines.push(`    ${reason.padEnd(40)} ${count}`);
    }
    lines.push(`  events                   ${c.events}`);
    for (const [outcome, count] of Object.entries(c.eventsByOutcome)) lines.push(`    ${outcome.padEnd(40)} ${count}`);
    if (c.eventsWithoutAccount > 0) lines.push(`  events decided before the audit recorded accounts (not in the account counts): ${c.eventsWithoutAccount}`);
  }
  return lines.join('\n');
}
