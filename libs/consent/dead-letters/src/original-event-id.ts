/**
 * The loan event id a decoded original value carries, wherever the stage's input keeps it: a loan
 * event and a minimised record at the top (`eventId`), a consented copy inside (`loanEvent.eventId`).
 * Consent events have none (they are identified by consent id and version).
 */
export function originalEventId(value: unknown): string | null {
  const record = value as { eventId?: unknown; loanEvent?: { eventId?: unknown } } | null;
  if (typeof record?.eventId === 'string') return record.eventId;
  if (typeof record?.loanEvent?.eventId === 'string') return record.loanEvent.eventId;
  return null;
}
