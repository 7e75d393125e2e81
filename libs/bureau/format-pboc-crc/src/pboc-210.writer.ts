import { PBOC_210_SEGMENTS, SEGMENT_ORDER, isModelledSegment } from './layouts/pboc-210.layout';
import type { Pboc210Record, SegmentTag } from './layouts/pboc-210.model';
import { escapeXmlText, writeXmlElement, type XmlElement } from './xml/xml-element';

/**
 * One 210 record as one line of XML (§2.2): `<Document><InAcctInf>` + segments in §2.4 order, each
 * with its elements in table order; absent elements are omitted, never written empty.
 */
export function writePboc210(record: Pboc210Record): string {
  const segments = SEGMENT_ORDER.map(({ tag }) => writePbocSegment(record, tag));
  return `<Document><InAcctInf>${segments.join('')}</InAcctInf></Document>`;
}

/** One segment of a 210 record as written in it ('' when the record has none): also the body of a 212 correction. */
export function writePbocSegment(record: Pboc210Record, tag: SegmentTag): string {
  const value = record[tag];
  if (value === undefined) return '';
  if (!isModelledSegment(tag)) return writeXmlElement(value as XmlElement);
  const values = value as unknown as Readonly<Record<string, string | undefined>>;
  // One string grown in place: every segment of every formatted record passes here (filter, map and join cost more).
  let xml = `<${tag}>`;
  for (const { name } of PBOC_210_SEGMENTS[tag].fields) {
    const text = values[name];
    if (text !== undefined) xml += `<${name}>${escapeXmlText(text)}</${name}>`;
  }
  return `${xml}</${tag}>`;
}
