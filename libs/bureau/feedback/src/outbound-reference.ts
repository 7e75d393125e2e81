import type { Bureau } from '@furnish/shared-contracts';
import { readPboc210 } from '@furnish/bureau-format-pboc-crc';
import { pbocReference } from './pboc-feedback-file.parser';
import { metro2Reference } from './rejection-list.parser';

/** What reconciliation needs of an outbound record: never its payload beyond the keys read here. */
export interface SentRecord {
  readonly recordId: string;
  readonly bureau: Bureau;
  readonly recordKind: string;
  /** The formatted record as published (read once for its keys, then dropped). */
  readonly payload: string;
  readonly producedAt: Date;
}

/** A sent record reduced to its keys. */
export interface KeyedRecord {
  readonly recordId: string;
  readonly bureau: Bureau;
  readonly producedAt: Date;
  /** How the bureau names it (BureauReference). */
  readonly reference: string;
  /**
   * What it reports on: a later record with the same subject is a new version of it (a corrected or
   * re-published record). PBOC and Metro 2: the reference (account and report date); Baihang, whose
   * reqID is per record: the record kind, loanId or creditId, and termNo for a D3.
   */
  readonly subject: string;
}

/** Metro 2 Base positions (1-based, §1.5): ConsumerAccountNumber 43-72, DateAccountInformation 182-189. */
const METRO2_ACCOUNT_NUMBER = { start: 43, length: 30 } as const;
const METRO2_DATE_ACCOUNT_INFORMATION = { start: 182, length: 8 } as const;
const slice1 = (text: string, { start, length }: { start: number; length: number }) => text.slice(start - 1, start - 1 + length);

/** The keys of a sent record, or null when its payload has none this module knows (e.g. another record type). */
export function keyOf(record: SentRecord): KeyedRecord | null {
  const keys = keysOfPayload(record.bureau, record.recordKind, record.payload);
  return keys && { recordId: record.recordId, bureau: record.bureau, producedAt: record.producedAt, ...keys };
}

function keysOfPayload(bureau: Bureau, recordKind: string, payload: string): { reference: string; subject: string } | null {
  switch (bureau) {
    case 'pboc-crc': {
      const base = readPboc210(payload).record?.AcctBsSgmt;
      if (!base?.AcctCode || !base.RptDate) return null;
      const reference = pbocReference(base.AcctCode, base.RptDate);
      return { reference, subject: reference };
    }
    case 'metro2': {
      if (payload.length < METRO2_DATE_ACCOUNT_INFORMATION.start + METRO2_DATE_ACCOUNT_INFORMATION.length - 1) return null;
      const reference = metro2Reference(slice1(payload, METRO2_ACCOUNT_NUMBER), slice1(payload, METRO2_DATE_ACCOUNT_INFORMATION));
      return { reference, subject: reference };
    }
    case 'baihang': {
      let value: unknown;
      try {
        value = JSON.parse(payload);
      } catch {
        return null;
      }
      const json = value as Record<string, unknown> | null;
      if (typeof json !== 'object' || json === null || typeof json.reqID !== 'string') return null;
      const account = json.loanId ?? json.creditId;
      return { reference: json.reqID, subject: `${recordKind}:${String(account)}:${json.termNo === undefined ? '' : String(json.termNo)}` };
    }
  }
}
