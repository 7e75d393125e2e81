import type { LeafPath } from './policy-path';
import type { MinimiserInput } from './minimiser-input';

export interface EnvelopeField {
  /** Released fields the value comes from; empty for values Furnish itself supplies. */
  readonly from: readonly LeafPath<MinimiserInput>[];
  readonly carries: string;
}

/**
 * Every field of the outbound record (furnish.outbound.<bureau>.v1), with where its value comes
 * from. The outbound schema is shared by all bureaus and carries no classification tags, so this
 * table is its allow-list: a spec fails if the schema gains a field not listed here, or if a
 * listed source is not released by every bureau's policy.
 */
export const OUTBOUND_ENVELOPE: Readonly<Record<string, EnvelopeField>> = {
  recordId: { from: ['eventId'], carries: 'deterministic id derived from the event id, bureau and record kind' },
  bureau: { from: [], carries: 'the bureau the record is for' },
  recordKind: { from: [], carries: 'the bureau record type the formatter produced (PBOC_210, BAIHANG_D3, METRO2_BASE, …)' },
  reportDate: { from: [], carries: 'the reporting date the formatter derived from released fields' },
  sourceEventId: { from: ['eventId'], carries: 'the loan event id' },
  consentId: { from: ['consent.consentId'], carries: 'the authorising consent' },
  consentVersion: { from: ['consent.version'], carries: 'its version' },
  formatVersion: { from: [], carries: 'version of the bureau format' },
  payload: { from: [], carries: 'the formatted record, built by the bureau formatter from the minimised record alone (the released fields above)' },
  producedAt: { from: [], carries: 'when the formatter produced the record' },
};
