import { RecordInvalidError, describeViolation, type FormattedRecord } from '@furnish/bureau-domain';
import { BUREAU_FORMATS, buildSubmissionFiles, submissionOrder } from '@furnish/bureau-formats';
import { BUREAUS, MINIMISED_SCHEMA_BY_BUREAU, bureauCodeOf, projectOnto, schemaCatalog, type Bureau } from '@furnish/shared-contracts';
import { anOutboundRecord } from '@furnish/shared-contracts/testing';
import { SYNTHETIC_FURNISHER } from './synthetic-profile';
import type { Country } from './people/borrower.factory';
import { generateSyntheticMonth, type SyntheticMonth } from './synthetic-month.generator';

/**
 * The validity gate: every generated event is a valid Avro LoanEvent, and the record each bureau's
 * minimised projection of it produces breaks none of that bureau's rules, for every bureau the
 * borrower could consent to. The projection is what the minimiser emits for the allowed fields.
 */
const MONTHS: readonly SyntheticMonth[] = ['2026-10', '2028-02', '2027-01'].map((month) => generateSyntheticMonth({ borrowers: 300, seed: 'validity', month }));
const catalog = schemaCatalog();
const CONSENTABLE: Readonly<Record<Country, readonly Bureau[]>> = { CN: ['pboc-crc', 'baihang'], US: ['metro2'] };

interface Formatted {
  readonly failures: string[];
  readonly records: FormattedRecord[];
}

/** Formats every event of the month for every bureau its borrower could consent to. */
function formatMonth(month: SyntheticMonth): Record<Bureau, Formatted> {
  const countryOf = new Map(month.borrowers.map((b) => [b.borrowerId, b.country]));
  const storyOf = new Map(month.borrowers.flatMap((b) => b.accounts.map((a) => [a.accountId, `${a.productType}/${a.story}`] as const)));
  const result: Record<Bureau, Formatted> = { 'pboc-crc': { failures: [], records: [] }, baihang: { failures: [], records: [] }, metro2: { failures: [], records: [] } };
  for (const event of month.loanEvents) {
    for (const bureau of CONSENTABLE[countryOf.get(event.borrower.borrowerId)!]) {
      const minimised = projectOnto({ ...event, consent: { consentId: 'CNS-VALIDITY', version: 1 } }, catalog.latest(MINIMISED_SCHEMA_BY_BUREAU[bureau]).json);
      try {
        result[bureau].records.push(...BUREAU_FORMATS[bureau].format(minimised as never));
      } catch (error) {
        if (!(error instanceof RecordInvalidError)) throw error;
        result[bureau].failures.push(`${event.eventType} of ${storyOf.get(event.account.accountId)}: ${error.violations.map(describeViolation).join('; ')}`);
      }
    }
  }
  return result;
}

const FORMATTED = new Map(MONTHS.map((month) => [month, formatMonth(month)]));

describe.each(MONTHS.map((m) => [m.month, m] as const))('synthetic month %s', (_label, month) => {
  it('encodes every loan and consent event with the latest schemas', () => {
    const loanEvent = catalog.latest('loan-event').type;
    const consentEvent = catalog.latest('consent-event').type;
    const invalid = [
      ...month.loanEvents.filter((e) => !encodes(() => loanEvent.toBuffer(e))).map((e) => e.eventId),
      ...month.consentEvents.filter((e) => !encodes(() => consentEvent.toBuffer(e))).map((e) => `${e.consentId} v${e.version}`),
    ];
    expect(invalid).toEqual([]);
  });

  it.each(BUREAUS)('formats every event for %s without a rule violation', (bureau) => {
    const { failures, records } = FORMATTED.get(month)![bureau];
    expect(failures).toEqual([]);
    expect(records.length).toBeGreaterThan(0);
  });
});

/** What `npm run demo` configures (fictitious); the codes are the synthetic lender's. */
const DEMO_IDENTITY: Readonly<Record<Bureau, Parameters<typeof buildSubmissionFiles>[2]>> = {
  'pboc-crc': { generatedAt: '', institution: SYNTHETIC_FURNISHER.pbocManagementOrgCode! },
  baihang: { generatedAt: '', institution: SYNTHETIC_FURNISHER.baihangInstitutionId! },
  metro2: { generatedAt: '', metro2Reporter: { reporterName: 'FURNISH DEMO LENDER FICTITIOUS', reporterAddress: '1 EXAMPLE WAY FICTITIOUS CITY ZZ 00000', transUnionProgramIdentifier: 'DEMO000001' } },
};

describe.each(MONTHS.map((m) => [m.month, m] as const))('demo submission files of %s (issue 14 point 4)', (label, month) => {
  it.each(BUREAUS)('the %s file(s) of the month pass the file validator and every record rule', (bureau) => {
    const last = new Date(Date.UTC(Number(label.slice(0, 4)), Number(label.slice(5, 7)), 0)).toISOString().slice(0, 10);
    const records = FORMATTED.get(month)![bureau].records
      .filter((r) => r.reportDate >= `${label}-01` && r.reportDate <= last)
      .map((r, i) => anOutboundRecord({ recordId: String(i), bureau: bureauCodeOf(bureau), recordKind: r.recordKind, reportDate: r.reportDate, payload: r.payload, producedAt: new Date(i) }))
      .sort(submissionOrder);
    // The demo writes the files after the month; the generation time must not precede any report.
    const files = buildSubmissionFiles(bureau, records, { ...DEMO_IDENTITY[bureau], generatedAt: `${last}T23:59:59` });
    expect(files.length).toBeGreaterThan(0);
  });
});

/** Months since year 0 of a YYYY-MM-DD date. */
const monthIndexOf = (date: string): number => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const DAY_MS = 86_400_000;

describe.each(MONTHS.map((m) => [m.month, m] as const))('loan-event v2 history fields of %s (docs/event-contract.md)', (_label, month) => {
  it('overdueInstalments: past-due amounts oldest first, principal adding up to principalPastDue, the oldest as old as daysPastDue', () => {
    const broken: string[] = [];
    for (const { eventId, eventType, occurredAt, account } of month.loanEvents) {
      const listed = account.overdueInstalments!;
      const day = Date.UTC(occurredAt.getUTCFullYear(), occurredAt.getUTCMonth(), occurredAt.getUTCDate());
      const sum = listed.reduce((total, entry) => total.plus(entry.principalUnpaid), account.principalPastDue!.minus(account.principalPastDue!));
      if (!sum.eq(account.principalPastDue!)) broken.push(`${eventType} ${eventId}: Σ principalUnpaid ${sum} ≠ principalPastDue`);
      if ([...listed].sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1)).some((entry, i) => entry !== listed[i])) broken.push(`${eventType} ${eventId}: not oldest first`);
      if (account.status === 'DELINQUENT') {
        if (listed.length !== account.periodsPastDue) broken.push(`${eventType} ${eventId}: ${listed.length} entries for ${account.periodsPastDue} periods`);
        if ((day - Date.parse(listed[0].dueDate)) / DAY_MS !== account.daysPastDue) broken.push(`${eventType} ${eventId}: oldest entry is not daysPastDue old`);
      }
      if (account.status === 'CURRENT' && listed.length > 0) broken.push(`${eventType} ${eventId}: current with past-due amounts`);
    }
    expect(broken).toEqual([]);
  });

  it('paymentHistory: one entry per month end, from the month before the event back to the opening month (at most 24), as the statement has it', () => {
    const broken: string[] = [];
    for (const { eventId, eventType, occurredAt, account, statement } of month.loanEvents) {
      const history = account.paymentHistory!;
      const eventMonth = occurredAt.getUTCFullYear() * 12 + occurredAt.getUTCMonth();
      const expectedLength = Math.min(24, eventMonth - monthIndexOf(account.openedOn));
      const months = history.map((entry) => monthIndexOf(entry.monthEnd));
      if (history.length !== expectedLength && account.status !== 'CLOSED') broken.push(`${eventType} ${eventId}: ${history.length} months, expected ${expectedLength}`);
      if (months.some((m, i) => m !== eventMonth - 1 - i)) broken.push(`${eventType} ${eventId}: months not consecutive from the previous month`);
      if (history.some((entry) => new Date(Date.parse(entry.monthEnd) + DAY_MS).getUTCDate() !== 1)) broken.push(`${eventType} ${eventId}: monthEnd not a month's last day`);
      if (statement && JSON.stringify(statement.paymentHistory) !== JSON.stringify(history.map((entry) => entry.standing))) broken.push(`${eventType} ${eventId}: differs from statement.paymentHistory`);
    }
    expect(broken.slice(0, 10)).toEqual([]);
  });
});

describe('synthetic months produce every kind of bureau record', () => {
  it('PBOC report-time codes 10, 20, 30 and 40, Baihang D2, D3 and X2, and Metro 2 statuses from current to charged off', () => {
    const seen = new Set<string>();
    for (const formatted of FORMATTED.values()) {
      for (const record of formatted['pboc-crc'].records) seen.add(`PBOC ${/<RptDateCode>(\d+)</.exec(record.payload)![1]}`);
      for (const record of formatted.baihang.records) seen.add(record.recordKind);
      for (const record of formatted.metro2.records) seen.add(`METRO2 ${record.payload.slice(123, 125)}`);
    }
    for (const kind of ['PBOC 10', 'PBOC 20', 'PBOC 30', 'PBOC 40', 'BAIHANG_D2', 'BAIHANG_D3', 'BAIHANG_X2', 'METRO2 11', 'METRO2 13', 'METRO2 71', 'METRO2 97']) {
      expect([...seen]).toContain(kind);
    }
  });
});

function encodes(encode: () => unknown): boolean {
  try {
    encode();
    return true;
  } catch {
    return false;
  }
}
