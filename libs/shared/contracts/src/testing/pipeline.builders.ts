import Big from 'big.js';
import type { ConsentEvent } from '../generated/consent-event';
import type { ConsentedLoanEvent } from '../generated/consented-loan-event';
import type { MinimisedBaihangRecord } from '../generated/minimised-baihang-record';
import type { MinimisedMetro2Record } from '../generated/minimised-metro2-record';
import type { MinimisedPbocCrcRecord } from '../generated/minimised-pboc-crc-record';
import type { OutboundRecord } from '../generated/outbound-record';
import type { LoanEvent } from '../generated/loan-event';
import { toLocalDate } from '../local-date';
import { outboundRecordId } from '../record-id';
import { schemaCatalog } from '../schema-catalog';
import type { SchemaName } from '../schema-names';
import { aLoanEvent, aStatementClosedLoanEvent, aUsBorrower } from './loan-event.builders';
import { applyOverrides, type Overrides } from './overrides';
import { projectOnto } from '../project-onto-schema';

/** A grant to PBOC CRC and Baihang by the borrower of aLoanEvent(), in force before the account opened. */
export function aConsentEvent(overrides?: Overrides<ConsentEvent>): ConsentEvent {
  return applyOverrides<ConsentEvent>(
    {
      consentId: 'CNS-2023-000042',
      version: 1,
      borrowerId: 'B000000042',
      action: 'GRANTED',
      bureaus: ['PBOC_CRC', 'BAIHANG'],
      effectiveAt: new Date('2023-01-15T02:10:00.000Z'),
      expiresAt: new Date('2028-01-15T02:10:00.000Z'),
      channel: 'APP',
      evidenceRef: 'sha256:9f2c4b7e1d0a8c6f5e3b2a1908d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2918070',
      recordedAt: new Date('2023-01-15T02:10:03.000Z'),
    },
    overrides,
  );
}

export function aConsentedLoanEvent(overrides?: Overrides<ConsentedLoanEvent>): ConsentedLoanEvent {
  return applyOverrides<ConsentedLoanEvent>(
    {
      bureau: 'PBOC_CRC',
      consent: { consentId: 'CNS-2023-000042', version: 1 },
      decidedAt: new Date('2024-06-03T11:42:17.350Z'),
      loanEvent: aLoanEvent(),
    },
    overrides,
  );
}

function minimised<T>(name: SchemaName, event: LoanEvent, overrides: Overrides<T> | undefined): T {
  const projected = projectOnto({ ...event, consent: { consentId: 'CNS-2023-000042', version: 1 } }, schemaCatalog().latest(name).json);
  return applyOverrides(projected as T, overrides);
}

/** The month-end statement event as the minimiser passes it to the PBOC CRC formatter. */
export const aMinimisedPbocCrcRecord = (overrides?: Overrides<MinimisedPbocCrcRecord>): MinimisedPbocCrcRecord =>
  minimised('minimised-pboc-crc-record', aStatementClosedLoanEvent(), overrides);

export const aMinimisedBaihangRecord = (overrides?: Overrides<MinimisedBaihangRecord>): MinimisedBaihangRecord =>
  minimised('minimised-baihang-record', aStatementClosedLoanEvent(), overrides);

/** For Metro 2 the borrower is a US consumer and amounts are in USD. */
export const aMinimisedMetro2Record = (overrides?: Overrides<MinimisedMetro2Record>): MinimisedMetro2Record =>
  minimised(
    'minimised-metro2-record',
    aStatementClosedLoanEvent({
      borrower: aUsBorrower(),
      account: { currency: 'USD', creditLimit: new Big('5000.00'), balance: new Big('1268.40'), highestBalance: new Big('3650.00') },
    }),
    overrides,
  );

export function anOutboundRecord(overrides?: Overrides<OutboundRecord>): OutboundRecord {
  const sourceEventId = '0b9c2f4e-6a1d-4c8b-9e3f-2d7a5b1c8e60';
  return applyOverrides<OutboundRecord>(
    {
      recordId: outboundRecordId(sourceEventId, 'pboc-crc', 'PBOC_210'),
      bureau: 'PBOC_CRC',
      recordKind: 'PBOC_210',
      reportDate: toLocalDate('2024-05-31'),
      sourceEventId,
      consentId: 'CNS-2023-000042',
      consentVersion: 1,
      formatVersion: '2.0.0',
      payload: '<Document><InAcctInf><AcctBsSgmt><InfRecType>210</InfRecType><AcctType>R1</AcctType></AcctBsSgmt></InAcctInf></Document>',
      producedAt: new Date('2024-05-31T16:05:01.120Z'),
    },
    overrides,
  );
}
