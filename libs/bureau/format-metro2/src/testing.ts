import Big from 'big.js';
import fc from 'fast-check';
import { addDays, toLocalDate, type LocalDate, type MinimisedMetro2Record, type PaymentStanding } from '@furnish/shared-contracts';
import { aMinimisedMetro2Record, type Overrides } from '@furnish/shared-contracts/testing';
import { METRO2_GENERATION_CODES, METRO2_REPORTED_EVENTS, METRO2_TERMS_FREQUENCY } from './metro2.choices';

/** A fixed event id, so record ids are stable. */
export const METRO2_FIXTURE_EVENT_ID = '7d2f0c1e-3b4a-4c5d-8e6f-9a0b1c2d3e4f';

/** The May 2024 statement of a US revolving line (USD), as the minimiser passes it to Metro 2. */
export const aMetro2StatementRecord = (overrides?: Overrides<MinimisedMetro2Record>): MinimisedMetro2Record =>
  aMinimisedMetro2Record({ eventId: METRO2_FIXTURE_EVENT_ID, ...overrides });

const money = (max: number): fc.Arbitrary<Big> => fc.integer({ min: 0, max: max * 100 }).map((cents) => new Big(cents).div(100));
const STANDINGS: readonly PaymentStanding[] = ['CURRENT', 'ZERO_BALANCE', 'PAST_DUE_30', 'PAST_DUE_60', 'PAST_DUE_90', 'PAST_DUE_180_PLUS', 'NO_DATA', 'COLLECTION'];
const FREQUENCIES = Object.keys(METRO2_TERMS_FREQUENCY) as (keyof typeof METRO2_TERMS_FREQUENCY)[];
const SURNAMES = ['DOE', "O'Brien", 'Müller', 'Smith-Jones', 'García Lorca', 'Nguyen', 'Ødegaard', 'A-Really-Long-Double-Barrelled-Surname'];
const GIVEN = ['Jane', 'José', 'Zoë', 'Li', 'Anne-Marie', 'Bartholomew Alexander'];

/**
 * Random but internally consistent US accounts and events: what a correct lender publishes. Every
 * one must format into records that pass the validators.
 */
export const arbitraryMetro2Record = (): fc.Arbitrary<MinimisedMetro2Record> =>
  fc
    .record({
      eventType: fc.constantFrom(...METRO2_REPORTED_EVENTS, 'DRAWDOWN', 'REPAYMENT', 'CREDIT_LIMIT_CHANGED'),
      occurredOn: fc.integer({ min: 0, max: 3650 }).map((d) => addDays(toLocalDate('2020-01-01'), d)),
      seconds: fc.integer({ min: 0, max: 86_399 }),
      ageDays: fc.integer({ min: 0, max: 4000 }),
      revolving: fc.boolean(),
      standing: fc.constantFrom('CURRENT', 'DELINQUENT', 'CLOSED', 'CHARGED_OFF'),
      daysPastDue: fc.integer({ min: 1, max: 720 }),
      balance: money(200_000),
      limit: money(999_999),
      count: fc.integer({ min: 1, max: 360 }),
      frequency: fc.constantFrom(...FREQUENCIES),
      history: fc.array(fc.constantFrom(...STANDINGS), { maxLength: 30 }),
      surname: fc.constantFrom(...SURNAMES),
      given: fc.constantFrom(...GIVEN),
      middle: fc.option(fc.constantFrom('Q', 'Marie'), { nil: null }),
      suffix: fc.option(fc.constantFrom(...Object.keys(METRO2_GENERATION_CODES)), { nil: null }),
      ssn: fc.option(fc.integer({ min: 1, max: 999_999_998 }).map((n) => String(n).padStart(9, '0')), { nil: null }),
      accountNumber: fc.stringMatching(/^[A-Z]{2}[0-9]{8}$/),
      withStatement: fc.boolean(),
    })
    .map((a) => {
      const occurredOn = a.occurredOn;
      const openedOn = addDays(occurredOn, -a.ageDays);
      const delinquent = a.standing === 'DELINQUENT' || a.standing === 'CHARGED_OFF';
      const dpd = delinquent ? a.daysPastDue : 0;
      const balance = a.standing === 'CLOSED' ? new Big(0) : a.balance;
      const dofd: LocalDate | null = delinquent && dpd >= 30 ? maxDate(openedOn, addDays(occurredOn, -dpd)) : a.standing === 'CHARGED_OFF' ? openedOn : null;
      const base = aMetro2StatementRecord();
      return aMetro2StatementRecord({
        eventType: a.eventType,
        occurredAt: new Date(Date.parse(`${occurredOn}T00:00:00Z`) + a.seconds * 1000),
        account: {
          accountId: a.accountNumber,
          productType: a.revolving ? 'REVOLVING_LINE' : 'INSTALMENT_LOAN',
          openedOn,
          creditLimit: a.revolving ? a.limit.plus(1) : null,
          principal: a.revolving ? null : a.limit.plus(1),
          instalmentCount: a.revolving ? null : a.count,
          instalmentAmount: a.revolving ? null : a.limit.div(a.count).round(2),
          repaymentFrequency: a.frequency,
          balance,
          highestBalance: a.revolving ? a.limit : null,
          amountPastDue: delinquent ? balance : new Big(0),
          daysPastDue: dpd,
          status: a.standing as MinimisedMetro2Record['account']['status'],
          closedOn: a.standing === 'CLOSED' ? occurredOn : null,
          chargedOffAmount: a.standing === 'CHARGED_OFF' ? a.balance.plus(1) : null,
          dateOfFirstDelinquency: dofd,
          lastPaymentDate: a.ageDays > 0 ? addDays(occurredOn, -1) : null,
        },
        borrower: {
          familyName: a.surname,
          givenName: a.given,
          middleName: a.middle,
          nameSuffix: a.suffix,
          idType: a.ssn ? 'US_SSN' : 'PASSPORT',
          idNumber: a.ssn ?? 'P1234567',
        },
        statement: a.eventType === 'STATEMENT_CLOSED' || a.withStatement ? { ...base.statement!, paymentHistory: a.history } : null,
      });
    });

const maxDate = (a: LocalDate, b: LocalDate): LocalDate => (a > b ? a : b);
