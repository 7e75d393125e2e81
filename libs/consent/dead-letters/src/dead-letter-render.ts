import type { DeadLetterAccessRow } from '@furnish/consent-data-access';
import type { OriginalHeader } from '@furnish/shared-stage-runtime';
import { formatDeadLetterAddress } from './dead-letter-address';
import type { OpenedDeadLetter, RedriveResult } from './dead-letter-operations';
import type { DeadLetterSummary } from './dead-letter-summary';

/** `dlq list`: one line per dead letter — where it is, when, which stage and why, where it came from. No payload. */
export function renderDeadLetterList(summaries: readonly DeadLetterSummary[]): string {
  if (summaries.length === 0) return 'No dead letters.';
  const rows = summaries.map((s) => [
    formatDeadLetterAddress(s.address),
    s.deadLetteredAt.toISOString(),
    s.errorCode,
    `${s.sourceTopic}:${s.sourcePartition}:${s.sourceOffset}`,
    s.schemaId ?? '-',
    s.omitted !== undefined ? `omitted (${s.omitted})` : (s.keyId ?? 'not sealed'),
    s.errorMessage,
  ]);
  const header = ['dead letter', 'dead-lettered at', 'reason', 'source (topic:partition:offset)', 'schema id', 'key id', 'message'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(header), ...rows.map(line), '', `${summaries.length} dead letters`].join('\n');
}

/** `dlq show`: the opened dead letter for the operator who asked (recorded in the audit). */
export function renderOpenedDeadLetter(opened: OpenedDeadLetter): string {
  const { summary, original } = opened;
  return [
    `dead letter ${formatDeadLetterAddress(summary.address)} (${summary.dlqTopic}), dead-lettered ${summary.deadLetteredAt.toISOString()}`,
    `  stage ${summary.stage}: ${summary.errorCode}: ${summary.errorMessage}`,
    `  source ${summary.sourceTopic} partition ${summary.sourcePartition} offset ${summary.sourceOffset}${summary.sourceTimestamp ? ` (${summary.sourceTimestamp.toISOString()})` : ''}`,
    `  schema id ${summary.schemaId ?? '-'}; sealed under key ${summary.keyId}; event id ${opened.eventId ?? 'unknown'}`,
    `original key: ${printable(original.key)}`,
    `original headers:${original.headers.length === 0 ? ' none' : ''}`,
    ...original.headers.map(([name, value]: OriginalHeader) => `  ${name}: ${printable(value)}`),
    opened.decoded === undefined ? `original value (does not decode with ${summary.sourceTopic}'s schema), base64: ${original.value?.toString('base64') ?? 'null'}` : `original value:\n${JSON.stringify(toPrintable(opened.decoded), null, 2)}`,
    `audit of this dead letter:`,
    ...opened.history.map(renderAccess),
  ].join('\n');
}

export function renderRedrive(result: RedriveResult): string {
  return [
    `re-drove ${formatDeadLetterAddress(result.summary.address)} to ${result.topic} partition ${result.partition} offset ${result.offset} (re-drive ${result.redriveId}${result.eventId ? `, event id ${result.eventId}` : ''})`,
    ...(result.earlierRedrives > 0 ? [`  re-driven ${result.earlierRedrives}× before: the consent filter's claim on the event id suppresses a copy already decided`] : []),
    ...(result.droppedNullHeaders.length > 0 ? [`  headers with null values left out (Kafka clients here cannot write them): ${result.droppedNullHeaders.join(', ')}`] : []),
  ].join('\n');
}

/** One audit row, as `dlq show` and `why` print it. */
export function renderAccess(row: DeadLetterAccessRow): string {
  const letter = `${row.letter.stage}:${row.letter.dlqPartition}:${row.letter.dlqOffset}`;
  const where = row.target ? `${row.target.topic}${row.target.partition !== undefined ? ` partition ${row.target.partition} offset ${row.target.offset}` : ''}` : '';
  const at = row.at.toISOString();
  switch (row.action) {
    case 'SHOWN':
      return `  ${at} ${row.operator} opened dead letter ${letter}`;
    case 'REDRIVE_STARTED':
      return `  ${at} ${row.operator} started re-drive ${row.redriveId} of dead letter ${letter} (${row.letter.errorCode}) to ${where}${row.keyReplaced ? ' with a corrected key' : ''}`;
    case 'REDRIVEN':
      return `  ${at} ${row.operator} re-drove dead letter ${letter} (${row.letter.errorCode}) to ${where}${row.keyReplaced ? ' with a corrected key' : ''} (re-drive ${row.redriveId})`;
    case 'REDRIVE_FAILED':
      return `  ${at} ${row.operator} re-drive ${row.redriveId} of dead letter ${letter} to ${where} FAILED (${row.detail ?? 'unknown'})`;
  }
}

/** Text when the bytes are UTF-8 without control characters (other than tab and line breaks), else base64. */
function printable(value: Buffer | null): string {
  if (value === null) return 'null';
  const text = value.toString('utf8');
  const controls = [...text].some((c) => c.charCodeAt(0) < 0x20 && !'\t\n\r'.includes(c));
  return Buffer.from(text, 'utf8').equals(value) && !controls ? JSON.stringify(text) : `base64:${value.toString('base64')}`;
}

/** Decoded Avro values as JSON: bytes as base64, values with a JSON form (dates, decimals) as that, records field by field. */
function toPrintable(value: unknown): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return value;
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (Array.isArray(value)) return value.map(toPrintable);
  const json = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof json === 'function') return json.call(value);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPrintable(v)]));
}
