import { assertNoViolations, localDateIn, type BureauFormat, type FormattedRecord, type Violation } from '@furnish/bureau-domain';
import { outboundRecordId, type MinimisedBaihangRecord } from '@furnish/shared-contracts';
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

function formatKind<K extends BaihangRecordKind>(kind: K, source: MinimisedBaihangRecord, context: BaihangRecordContext, violations: readonly Violation[]): FormattedRecord {
  const record = BUILDERS[kind](source, context);
  assertNoViolations([...violations, ...validateBaihangModel(kind, record)], `Baihang ${kind.slice('BAIHANG_'.length)} record`);
  const reportDate = source.eventType === 'STATEMENT_CLOSED' && source.statement ? source.statement.periodEnd : localDateIn(source.occurredAt, BAIHANG_TIME_ZONE);
  const layout: JsonLayout<BaihangRecordByKind[K]> = BAIHANG_RECORD_SPECS[kind].layout;
  return { recordKind: kind, reportDate, payload: writeJsonRecord(layout, record), formatVersion: BAIHANG_FORMAT_VERSION, accountKey: source.account.accountId };
}
