/**
 * A reader for 210 records written for the hand-derived specs, independently of the writer's layout
 * tables and of readPboc210: the segment order is transcribed by hand from bureau-formats.md §2.4.
 */
export const SEGMENT_ORDER_2_4 = [
  'AcctBsSgmt',
  'AcctBsInfSgmt',
  'RltRepymtInfSgmt',
  'MotgaCltalCtrctInfSgmt',
  'AcctCredSgmt',
  'OrigCreditorInfSgmt',
  'AcctMthlyBlgInfSgmt',
  'SpecPrdSgmt',
  'AcctDbtInfSgmt',
  'AcctSpecTrstDspnSgmt',
];

export interface ParsedRecord {
  readonly segments: string[];
  readonly elements: Record<string, Record<string, string>>;
}

/** `<Document><InAcctInf>` then segments of flat `<Tag>value</Tag>` elements (§2.2 body, §2.9 sample). */
export function parse210(line: string): ParsedRecord {
  const body = /^<Document><InAcctInf>(.*)<\/InAcctInf><\/Document>$/.exec(line);
  if (!body) throw new Error('not a Document/InAcctInf line');
  const segments: string[] = [];
  const elements: Record<string, Record<string, string>> = {};
  for (const [, tag, content] of body[1].matchAll(/<(\w+)>(.*?)<\/\1>/g)) {
    segments.push(tag);
    elements[tag] = Object.fromEntries([...content.matchAll(/<(\w+)>([^<]*)<\/\1>/g)].map(([, name, value]) => [name, value]));
  }
  return { segments, elements };
}
