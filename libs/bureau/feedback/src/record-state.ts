/**
 * The bureau state of one outbound record (docs/formats/feedback.md):
 * - SENT: published on the outbound topic (the audit's PUBLISHED row); no feedback yet.
 * - ACCEPTED: the bureau's feedback names it without a code.
 * - REJECTED: the bureau's feedback names it with one or more codes; listed for correction.
 * - RESENT: a later record about the same account and report (the corrected one) was published;
 *   the rejection is superseded and the new record has its own state.
 * SENT is never stored (the audit says it); the others are appended, never changed.
 */
export const BUREAU_RECORD_STATES = ['SENT', 'ACCEPTED', 'REJECTED', 'RESENT'] as const;
export type BureauRecordState = (typeof BUREAU_RECORD_STATES)[number];
export type StoredRecordState = Exclude<BureauRecordState, 'SENT'>;

/** Legal moves, as kafkajs keeps its transaction states: anything else is refused. */
export const RECORD_STATE_TRANSITIONS: Readonly<Record<BureauRecordState, readonly StoredRecordState[]>> = {
  SENT: ['ACCEPTED', 'REJECTED'],
  REJECTED: ['RESENT'],
  ACCEPTED: [],
  RESENT: [],
};

export const canMove = (from: BureauRecordState, to: StoredRecordState): boolean => RECORD_STATE_TRANSITIONS[from].includes(to);

/** The current state from a record's stored states, oldest first. */
export const currentState = (stored: readonly StoredRecordState[]): BureauRecordState => stored[stored.length - 1] ?? 'SENT';
