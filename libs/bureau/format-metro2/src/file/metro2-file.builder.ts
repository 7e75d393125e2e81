import { readFixedWidth, writeFixedWidth } from '@furnish/shared-util-fixed-width';
import { BASE_SEGMENT_LAYOUT, type Metro2BaseSegment } from '../layouts/base-segment.layout';
import { HEADER_IDENTIFIER, HEADER_RECORD_LAYOUT, HEADER_RECORD_LENGTH, type Metro2HeaderRecord } from '../layouts/header-record.layout';
import { TRAILER_IDENTIFIER, TRAILER_RECORD_LAYOUT, TRAILER_RECORD_LENGTH } from '../layouts/trailer-record.layout';
import { METRO2_LINE_SEPARATOR } from '../metro2.choices';
import { computeTrailerCounters } from './trailer.calculator';

/** Who reports, for the Header record (§1.4). Text is written as given: ASCII upper case. */
export interface Metro2Reporter {
  readonly reporterName: string;
  readonly reporterAddress: string;
  readonly reporterTelephoneNumber?: number;
  readonly equifaxProgramIdentifier?: string;
  readonly experianProgramIdentifier?: string;
  readonly transUnionProgramIdentifier?: string;
  readonly innovisProgramIdentifier?: string;
  readonly softwareVendorName?: string;
  readonly softwareVersionNumber?: string;
}

export interface Metro2FileInput {
  readonly reporter: Metro2Reporter;
  /** When the file is made, 'YYYY-MM-DDTHH:mm:ss': DateCreated and the file name. */
  readonly createdAt: string;
  /** Base segments (OutboundRecord payloads), in the order they were produced. */
  readonly baseSegments: readonly string[];
}

export interface Metro2SubmissionFile {
  readonly fileName: string;
  readonly content: string;
  /** Base records in the file. */
  readonly recordCount: number;
}

/**
 * A character-format Metro 2 file: Header, Base records, Trailer (counters recomputed), one record
 * per line. Metro 2 reports each account's state once per file, so only the latest Base record
 * per account (furnisher id + account number; by Date of Account Information, then by order) is kept.
 */
export function buildMetro2File(input: Metro2FileInput): Metro2SubmissionFile {
  const bases = latestPerAccount(input.baseSegments.map((text) => readFixedWidth(BASE_SEGMENT_LAYOUT, text).record));
  const createdOn = input.createdAt.slice(0, 10);
  const header: Metro2HeaderRecord = {
    recordDescriptorWord: HEADER_RECORD_LENGTH,
    recordIdentifier: HEADER_IDENTIFIER,
    cycleIdentifier: '',
    innovisProgramIdentifier: input.reporter.innovisProgramIdentifier ?? '',
    equifaxProgramIdentifier: input.reporter.equifaxProgramIdentifier ?? '',
    experianProgramIdentifier: input.reporter.experianProgramIdentifier ?? '',
    transUnionProgramIdentifier: input.reporter.transUnionProgramIdentifier ?? '',
    activityDate: bases.reduce<string>((latest, b) => (b.dateAccountInformation! > latest ? b.dateAccountInformation! : latest), '') || createdOn,
    dateCreated: createdOn,
    programDate: null,
    programRevisionDate: null,
    reporterName: input.reporter.reporterName,
    reporterAddress: input.reporter.reporterAddress,
    reporterTelephoneNumber: input.reporter.reporterTelephoneNumber ?? 0,
    softwareVendorName: input.reporter.softwareVendorName ?? '',
    softwareVersionNumber: input.reporter.softwareVersionNumber ?? '',
    prbcProgramIdentifier: '',
  };
  const trailer = { recordDescriptorWord: TRAILER_RECORD_LENGTH, recordIdentifier: TRAILER_IDENTIFIER, ...computeTrailerCounters(bases) };
  const lines = [
    writeFixedWidth(HEADER_RECORD_LAYOUT, header),
    ...bases.map((base) => writeFixedWidth(BASE_SEGMENT_LAYOUT, base)),
    writeFixedWidth(TRAILER_RECORD_LAYOUT, trailer),
  ];
  return {
    fileName: `METRO2${input.createdAt.replace(/[-T:]/g, '')}.txt`,
    content: lines.map((line) => line + METRO2_LINE_SEPARATOR).join(''),
    recordCount: bases.length,
  };
}

export const accountKeyOf = (base: Metro2BaseSegment): string => `${base.identificationNumber}\u0000${base.consumerAccountNumber}`;

/** A profile with no month known: what a record built without a statement (closure, repayment) carries. */
const NO_HISTORY = 'B'.repeat(24);

/**
 * The latest record per account. A record built without a statement (an ACCOUNT_CLOSED or REPAYMENT
 * event) knows no payment history (24 × B); an earlier record of the same account in the file (the
 * month's statement) covers the same previous months (byte 1 = the previous reporting period, §1.5),
 * so the kept record takes the latest known profile instead of wiping the account's history.
 */
function latestPerAccount(bases: readonly Metro2BaseSegment[]): Metro2BaseSegment[] {
  const latest = new Map<string, Metro2BaseSegment>();
  const knownHistory = new Map<string, { readonly date: string; readonly profile: string }>();
  for (const base of bases) {
    const key = accountKeyOf(base);
    const date = base.dateAccountInformation ?? '';
    const profile = base.paymentHistoryProfile;
    const known = knownHistory.get(key);
    if (profile !== NO_HISTORY && (!known || date >= known.date)) knownHistory.set(key, { date, profile });
    const kept = latest.get(key);
    if (!kept || date >= (kept.dateAccountInformation ?? '')) {
      latest.delete(key);
      latest.set(key, base);
    }
  }
  return [...latest.entries()].map(([key, base]) => {
    const known = knownHistory.get(key);
    return base.paymentHistoryProfile === NO_HISTORY && known ? { ...base, paymentHistoryProfile: known.profile } : base;
  });
}
