/** Kafka headers the minimiser adds to each minimised record; declared once, documented in the review tables. */
export const MINIMISATION_HEADERS = {
  /** `<bureau>@<version>` of the policy that built the record (audit). */
  policy: 'x-furnish-minimisation-policy',
  /** Comma-separated paths of optional fields withheld because they were malformed; absent when none. */
  withheld: 'x-furnish-minimisation-withheld',
} as const;
