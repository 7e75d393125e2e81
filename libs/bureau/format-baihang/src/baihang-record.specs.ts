import type { RecordKind } from '@furnish/shared-contracts';
import type { RecordRule } from '@furnish/bureau-domain';
import { D2_RULES, D3_RULES, X2_RULES } from './baihang.rules';
import { SECTION_MARKERS } from './code-tables';
import { D2_LAYOUT, type BaihangD2Record } from './layouts/d2-record.layout';
import { D3_LAYOUT, type BaihangD3Record } from './layouts/d3-record.layout';
import type { JsonLayout } from './layouts/json-layout';
import { X2_LAYOUT, type BaihangX2Record } from './layouts/x2-record.layout';

export type BaihangRecordKind = Extract<RecordKind, 'BAIHANG_D2' | 'BAIHANG_D3' | 'BAIHANG_X2'>;

export interface BaihangRecordByKind {
  readonly BAIHANG_D2: BaihangD2Record;
  readonly BAIHANG_D3: BaihangD3Record;
  readonly BAIHANG_X2: BaihangX2Record;
}

/** One Baihang record kind: its layout, its rules, its batch-file section. */
export interface BaihangRecordSpec<T> {
  readonly layout: JsonLayout<T>;
  readonly rules: readonly RecordRule<T, keyof T & string, undefined>[];
  readonly sectionMarker: string;
}

export const BAIHANG_RECORD_SPECS: { readonly [K in BaihangRecordKind]: BaihangRecordSpec<BaihangRecordByKind[K]> } = {
  BAIHANG_D2: { layout: D2_LAYOUT, rules: D2_RULES, sectionMarker: SECTION_MARKERS.BAIHANG_D2 },
  BAIHANG_D3: { layout: D3_LAYOUT, rules: D3_RULES, sectionMarker: SECTION_MARKERS.BAIHANG_D3 },
  BAIHANG_X2: { layout: X2_LAYOUT, rules: X2_RULES, sectionMarker: SECTION_MARKERS.BAIHANG_X2 },
};

export const BAIHANG_RECORD_KINDS = Object.keys(BAIHANG_RECORD_SPECS) as BaihangRecordKind[];
