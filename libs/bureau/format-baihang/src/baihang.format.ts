import { assertNoViolations, localDateIn, type BureauCorrectionFormat, type BureauFormat, type CorrectionRecord, type FormattedRecord, type FurnishedRecordKey, type Violation } from '@furnish/bureau-domain';
import { correctionRecordId, outboundRecordId, type MinimisedBaihangRecord } from '@furnish/shared-contracts';
import { BAIHANG_CURRENCY, BAIHANG_FORMAT_VERSION, BAIHANG_RECORDS, BAIHANG_TIME_ZONE } from './baihang.choices';
import { BAIHANG_RECORD_SPECS, type BaihangRecordByKind, type BaihangRecordKind } from './baihang-record.specs';
import { validateBaihangModel } from './baihang-record.validator';
import { buildD2 } from './d2-record.builder';
import { buildD3 } from './d3-record.builder';
import type { JsonLayout } from './layouts/json-layout';
import { writeJsonRecord } from './layouts/json-record';
import { baihangContextOf, type BaihangRecordContext } from './mapping/baihang-context';
import { buildX2 } from './x2-record.builder';

const BUILDERS: { readonly [K in BaihangRecordKind]: (source: MinimisedBaihangRecord, context: BaihangRecordContext) => BaihangRecordByKind[K] } = {
  BAIHANG_D2: buildD2,
  BAIHANG_D3: buildD3,
  BAIHANG_X2: buildX2,
};

/**
 * Baihang: D2/D3 for instalment loans and X2 for revolving lines, by BAIHANG_RECORDS; none for the
 * other events. reqID is the OutboundRecord id (outboundRecordId), so bureau and pipeline agree on it.
 */
export class BaihangFormat implements BureauFormat<MinimisedBaihangRecord> {
  readonly bureau = 'baihang' as const;

  format(source: MinimisedBaihangRecord): readonly FormattedRecord[] {
    const kind = BAIHANG_RECORDS[source.account.productType][source.eventType];
    if (!kind) return [];
    const violations: Violation[] = [];
    if (source.account.currency !== BAIHANG_CURRENCY) violations.push({ ruleId: 'baihang.map.currency', path: 'account.currency', code: 'unsupported-currency' });
    const context = baihangContextOf(source, outboundRecordId(source.eventId, this.bureau, kind), violations);
    return [formatKind(kind, source, context, violations)];
  }
}

export const BAIHANG_FORMAT = new BaihangFormat();

/**
 * Baihang's correction form (bureau-formats.md §3.4, opCode M modify): the corrected event's record,
 * of the kind the original was, built and validated like an original, with opCode M and its own
 * reqID (correctionRecordId of the original and the correction event). An X2 record that opened the
 * line (creditOpCode 1, opCode A) is restated as a change (creditOpCode 2) so the X2 rule "add only
 * when opening" holds; that Baihang takes a modify of a D3 repayment record is [U]
 * (docs/formats/baihang.md, "Corrections and retractions").
 */
export class BaihangCorrectionFormat implements BureauCorrectionFormat<MinimisedBaihangRecord> {
  readonly bureau = 'baihang' as const;

  correction(source: MinimisedBaihangRecord, originals: readonly FurnishedRecordKey[], correctionEventId: string): readonly CorrectionRecord[] {
    const kind = BAIHANG_RECORDS[source.account.productType][source.eventType];
    if (!kind) return [];
    return originals
      .filter((original) => original.recordKind === kind)
      .map((original) => {
        const violations: Violation[] = [];
        if (source.account.currency !== BAIHANG_CURRENCY) violations.push({ ruleId: 'baihang.map.currency', path: 'account.currency', code: 'unsupported-currency' });
        const recordId = correctionRecordId(original.recordId, correctionEventId);
        const context = baihangContextOf(source, recordId, violations);
        const formatted = formatKind(kind, source, context, violations, asModification);
        return { ...formatted, recordId, originalRecordId: original.recordId };
      });
  }
}

export const BAIHANG_CORRECTION = new BaihangCorrectionFormat();

/** opCode M; an X2 opening (creditOpCode 1) becomes a change (2). */
function asModification<R>(record: R): R {
  const r = record as R & { opCode: string; creditOpCode?: number };
  return { ...r, opCode: 'M', ...(r.creditOpCode === 1 ? { creditOpCode: 2 } : {}) };
}

function formatKind<K extends BaihangRecordKind>(
  kind: K,
  source: MinimisedBaihangRecord,
  context: BaihangRecordContext,
  violations: readonly Violation[],
  amend: (record: BaihangRecordByKind[K]) => BaihangRecordByKind[K] = (r) => r,
): FormattedRecord {
  const record = amend(BUILDERS[kind](source, context));
  assertNoViolations([...violations, ...validateBaihangModel(kind, record)], `Baihang ${kind.slice('BAIHANG_'.length)} record`);
  const reportDate = source.eventType === 'STATEMENT_CLOSED' && source.statement ? source.statement.periodEnd : localDateIn(source.occurredAt, BAIHANG_TIME_ZONE);
  const layout: JsonLayout<BaihangRecordByKind[K]> = BAIHANG_RECORD_SPECS[kind].layout;
  return { recordKind: kind, reportDate, payload: writeJsonRecord(layout, record), formatVersion: BAIHANG_FORMAT_VERSION, accountKey: source.account.accountId };
}
