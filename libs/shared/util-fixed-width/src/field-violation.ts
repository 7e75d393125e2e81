/**
 * One broken rule: which rule, where, and a short machine reason. Never the value: violations end
 * up in error messages, logs and dead-letter headers. Structurally the same as bureau-domain's
 * Violation, so bureau validators can return these unchanged.
 */
export interface FieldViolation {
  readonly ruleId: string;
  readonly path: string;
  readonly code: string;
}

/** Machine reasons the engine reports. */
export const FIELD_VIOLATION_CODES = {
  required: 'required',
  tooLong: 'too-long',
  notNumeric: 'not-numeric',
  invalidDate: 'invalid-date',
  invalidTimestamp: 'invalid-timestamp',
  invalidCharacter: 'invalid-character',
  nonAscii: 'non-ascii',
  notInCodeTable: 'not-in-code-table',
  badPattern: 'bad-pattern',
  wrongConstant: 'wrong-constant',
  notBlank: 'not-blank',
  wrongRecordLength: 'wrong-record-length',
} as const;
