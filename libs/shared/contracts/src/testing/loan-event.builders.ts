import { randomUUID } from 'node:crypto';
import Big from 'big.js';
import type { Account, Address, Borrower, Furnisher, LoanEvent, PaymentStanding, Statement, Transaction } from '../generated/loan-event';
import { localDateFromDate, toLocalDate, type LocalDate } from '../local-date';
import { prcResidentIdCheckCharacter } from '../prc-resident-id';
import { applyOverrides, type Overrides } from './overrides';

// Realistic but fictitious: a Hangzhou borrower of a virtual credit card, region code 330106.
const ID_NUMBER_PREFIX = '33010619900307123';

export function aFurnisher(overrides?: Overrides<Furnisher>): Furnisher {
  return applyOverrides<Furnisher>(
    {
      name: '示例消费金融有限公司',
      pbocManagementOrgCode: 'F110105000001A',
      baihangInstitutionId: 'BH2019000123',
      metro2IdentificationNumber: '4200001234',
    },
    overrides,
  );
}

export function aRevolvingAccount(overrides?: Overrides<Account>): Account {
  return applyOverrides<Account>(
    {
      accountId: 'RL0000012345',
      productType: 'REVOLVING_LINE',
      currency: 'CNY',
      openedOn: toLocalDate('2023-01-15'),
      maturityDate: toLocalDate('2026-01-14'),
      creditLimit: new Big('20000.00'),
      principal: null,
      instalmentCount: null,
      instalmentAmount: null,
      scheduledDueDates: [],
      repaymentMethod: 'REVOLVING',
      repaymentFrequency: 'MONTHLY',
      gracePeriodDays: 3,
      guaranteeType: 'UNSECURED',
      loanPurpose: 'DAILY_CONSUMPTION',
      appliedAt: new Date('2023-01-15T02:11:09.000Z'),
      applicationDistrictCode: '330106',
      balance: new Big('3268.40'),
      highestBalance: new Big('12650.00'),
      amountPastDue: new Big('0'),
      principalPastDue: new Big('0'),
      daysPastDue: 0,
      periodsPastDue: 0,
      status: 'CURRENT',
      closedOn: null,
      chargedOffAmount: null,
      dateOfFirstDelinquency: null,
      lastPaymentDate: toLocalDate('2024-05-09'),
      lastPaymentAmount: new Big('2150.00'),
      // As a loan-event v1 producer sends it: the v2 history fields are not published.
      overdueInstalments: null,
      paymentHistory: null,
    },
    overrides,
  );
}

/** A 12-month cash loan of 12,000.00 repaid in equal monthly instalments. */
export function anInstalmentAccount(overrides?: Overrides<Account>): Account {
  const firstDue = toLocalDate('2024-02-20');
  return applyOverrides<Account>(
    aRevolvingAccount({
      accountId: 'IL0000067890',
      productType: 'INSTALMENT_LOAN',
      openedOn: toLocalDate('2024-01-20'),
      maturityDate: toLocalDate('2025-01-20'),
      creditLimit: null,
      principal: new Big('12000.00'),
      instalmentCount: 12,
      instalmentAmount: new Big('1066.19'),
      scheduledDueDates: Array.from({ length: 12 }, (_, i) => monthlyDueDate(firstDue, i)),
      repaymentMethod: 'EQUAL_INSTALMENTS',
      loanPurpose: 'GENERAL_PURPOSE',
      appliedAt: new Date('2024-01-20T06:30:00.000Z'),
      balance: new Big('7463.33'),
      highestBalance: null,
      lastPaymentDate: toLocalDate('2024-05-20'),
      lastPaymentAmount: new Big('1066.19'),
    }),
    overrides,
  );
}

export function anAddress(overrides?: Overrides<Address>): Address {
  return applyOverrides<Address>(
    { line1: '西湖区文三路90号', line2: '3幢501室', city: '杭州市', region: '浙江省', postalCode: '310012', countryCode: 'CN' },
    overrides,
  );
}

/** A PRC borrower whose resident id number carries a correct GB 11643 check character. */
export function aBorrower(overrides?: Overrides<Borrower>): Borrower {
  return applyOverrides<Borrower>(
    {
      borrowerId: 'B000000042',
      fullName: '王小明',
      familyName: 'WANG',
      givenName: 'XIAOMING',
      middleName: null,
      nameSuffix: null,
      idType: 'PRC_RESIDENT_ID',
      idNumber: ID_NUMBER_PREFIX + prcResidentIdCheckCharacter(ID_NUMBER_PREFIX),
      dateOfBirth: toLocalDate('1990-03-07'),
      phone: '+8613800138000',
      email: 'xiaoming.wang@example.com',
      address: anAddress(),
    },
    overrides,
  );
}

/** A US borrower with a social security number, for Metro 2. */
export function aUsBorrower(overrides?: Overrides<Borrower>): Borrower {
  return applyOverrides<Borrower>(
    {
      borrowerId: 'B000000077',
      fullName: 'Jane Q Doe',
      familyName: 'DOE',
      givenName: 'JANE',
      middleName: 'Q',
      nameSuffix: null,
      idType: 'US_SSN',
      idNumber: '123456789',
      dateOfBirth: toLocalDate('1985-11-02'),
      phone: '+14155550123',
      email: 'jane.doe@example.com',
      address: { line1: '123 MAIN ST', line2: 'APT 4B', city: 'SPRINGFIELD', region: 'IL', postalCode: '62701', countryCode: 'US' },
    },
    overrides,
  );
}

/** A purchase with every consumption-detail, device and location field filled. */
export function aTransaction(overrides?: Overrides<Transaction>): Transaction {
  return applyOverrides<Transaction>(
    {
      amount: new Big('268.00'),
      merchantName: '杭州云声数码专营店',
      merchantCategory: '5732',
      purchasedItems: [
        { sku: 'SKU-88231', description: '无线蓝牙耳机', quantity: 1, unitPrice: new Big('199.00') },
        { sku: 'SKU-10417', description: '耳机保护套', quantity: 3, unitPrice: new Big('23.00') },
      ],
      channel: 'APP',
      deviceId: 'dev-4f1c2a9e7b',
      ipAddress: '203.0.113.25',
      geoLocation: { latitude: 30.2741, longitude: 120.1551, city: '杭州市' },
    },
    overrides,
  );
}

const HISTORY: readonly PaymentStanding[] = [
  'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'PAST_DUE_30', 'CURRENT', 'CURRENT',
  'ZERO_BALANCE', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT',
];

/** May 2024 statement of the revolving account (opened January 2023: 15 earlier months). */
export function aStatement(overrides?: Overrides<Statement>): Statement {
  return applyOverrides<Statement>(
    {
      periodStart: toLocalDate('2024-05-01'),
      periodEnd: toLocalDate('2024-05-31'),
      dueDate: toLocalDate('2024-06-10'),
      minimumDue: new Big('326.84'),
      totalDue: new Big('3268.40'),
      amountPaidInMonth: new Big('2150.00'),
      amountBorrowedInMonth: new Big('3268.40'),
      instalmentNumber: null,
      paymentHistory: HISTORY,
    },
    overrides,
  );
}

/** A drawdown (a purchase on the revolving line), with its transaction. */
export function aLoanEvent(overrides?: Overrides<LoanEvent>): LoanEvent {
  return applyOverrides<LoanEvent>(
    {
      eventId: randomUUID(),
      eventType: 'DRAWDOWN',
      occurredAt: new Date('2024-06-03T11:42:17.000Z'),
      furnisher: aFurnisher(),
      account: aRevolvingAccount(),
      borrower: aBorrower(),
      transaction: aTransaction(),
      statement: null,
      corrects: null,
    },
    overrides,
  );
}

/** The month-end event every bureau reports: no transaction, with the closed statement. */
export function aStatementClosedLoanEvent(overrides?: Overrides<LoanEvent>): LoanEvent {
  return applyOverrides(
    aLoanEvent({ eventType: 'STATEMENT_CLOSED', occurredAt: new Date('2024-05-31T16:05:00.000Z'), transaction: null, statement: aStatement() }),
    overrides,
  );
}

/** The same day of month as `first`, `months` later, clamped to the month's last day. */
function monthlyDueDate(first: LocalDate, months: number): LocalDate {
  const [year, month, day] = first.split('-').map(Number);
  const lastDay = new Date(Date.UTC(year, month + months, 0)).getUTCDate();
  return localDateFromDate(new Date(Date.UTC(year, month - 1 + months, Math.min(day, lastDay))));
}
