import type { Violation } from '@furnish/bureau-domain';
import { PBOC_210_SEGMENTS, SEGMENT_ORDER, isModelledSegment } from './layouts/pboc-210.layout';
import type { AcctBsSgmt, Pboc210Record, SegmentTag } from './layouts/pboc-210.model';
import { XmlSyntaxError } from './errors';
import { parseXmlDocument, type XmlElement } from './xml/xml-element';

export interface Pboc210ReadResult {
  /** Null when the line is not even well-formed XML of the right shape. */
  readonly record: Pboc210Record | null;
  readonly violations: readonly Violation[];
}

const XML_RULE = 'pboc.210.xml';
const SEGMENT_INDEX = new Map(SEGMENT_ORDER.map(({ tag }, i) => [tag as string, i]));

/**
 * Parses one record line by the layout. Checks structure only: well-formed XML, root
 * Document/InAcctInf, known segments and elements (closed world), their order, no repeats.
 */
export function readPboc210(line: string): Pboc210ReadResult {
  const violations: Violation[] = [];
  const structure = (path: string, code: string): void => {
    violations.push({ ruleId: XML_RULE, path, code });
  };
  let root: XmlElement;
  try {
    root = parseXmlDocument(line);
  } catch (error) {
    if (!(error instanceof XmlSyntaxError)) throw error;
    return { record: null, violations: [{ ruleId: XML_RULE, path: '(record)', code: 'malformed-xml' }] };
  }
  const body = root.children[0];
  if (root.name !== 'Document' || root.children.length !== 1 || body.name !== 'InAcctInf') {
    return { record: null, violations: [{ ruleId: XML_RULE, path: '(record)', code: 'not-document-in-acct-inf' }] };
  }
  const record: Record<string, unknown> = {};
  let lastIndex = -1;
  for (const segment of body.children) {
    const index = SEGMENT_INDEX.get(segment.name);
    if (index === undefined) {
      structure(`InAcctInf.${segment.name}`, 'unknown-element');
      continue;
    }
    if (segment.name in record) {
      structure(segment.name, 'duplicate-element');
      continue;
    }
    if (index < lastIndex) structure(segment.name, 'out-of-order');
    lastIndex = Math.max(lastIndex, index);
    record[segment.name] = isModelledSegment(segment.name as SegmentTag) ? readFields(segment, structure) : segment;
  }
  record.AcctBsSgmt ??= {} as AcctBsSgmt;
  return { record: record as unknown as Pboc210Record, violations };
}

function readFields(segment: XmlElement, structure: (path: string, code: string) => void): Record<string, string> {
  const order = PBOC_210_SEGMENTS[segment.name as keyof typeof PBOC_210_SEGMENTS].fields.map((f) => f.name as string);
  const values: Record<string, string> = {};
  let lastIndex = -1;
  for (const element of segment.children) {
    const path = `${segment.name}.${element.name}`;
    const index = order.indexOf(element.name);
    if (index < 0) structure(path, 'unknown-element');
    else if (element.name in values) structure(path, 'duplicate-element');
    else if (element.children.length > 0) structure(path, 'not-a-simple-element');
    else {
      if (index < lastIndex) structure(path, 'out-of-order');
      lastIndex = Math.max(lastIndex, index);
      values[element.name] = element.text;
    }
  }
  return values;
}
