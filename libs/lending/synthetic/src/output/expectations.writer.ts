import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { BUREAUS } from '@furnish/shared-contracts';
import type { SyntheticMonth } from '../synthetic-month.generator';

/**
 * Writes the expected consent decision of every (loan event, bureau) as JSON lines, in loan-event
 * order: `{"eventId","accountId","bureau","released":true,"consentId","consentVersion"}` or
 * `{…,"released":false,"reason":"NO_CONSENT"|"NOT_YET_EFFECTIVE"|"EXPIRED"|"WITHDRAWN"}`.
 */
export async function writeExpectations(month: Pick<SyntheticMonth, 'loanEvents' | 'expectedDecisions'>, out: Writable): Promise<number> {
  let lines = 0;
  let chunk = '';
  for (const event of month.loanEvents) {
    const decisions = month.expectedDecisions.get(event.eventId);
    if (!decisions) throw new Error(`no expected decisions for loan event ${event.eventId}`);
    for (const bureau of BUREAUS) {
      const d = decisions[bureau];
      const outcome = d.released ? { released: true, consentId: d.consent.consentId, consentVersion: d.consent.version } : { released: false, reason: d.reason };
      chunk += `${JSON.stringify({ eventId: event.eventId, accountId: event.account.accountId, bureau, ...outcome })}\n`;
      lines++;
    }
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  if (chunk.length > 0 && !out.write(chunk)) await once(out, 'drain');
  return lines;
}
