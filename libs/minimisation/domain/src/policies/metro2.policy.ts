import { definePolicy } from '../minimisation-policy';

/**
 * Metro 2 (CDIA) character-format Base segment, 426 bytes (bureau-formats.md §1.5; positions are
 * 1-based). Only the Base segment is produced: no J1/J2 associated consumers, no N1 employment.
 */
export const METRO2_POLICY = definePolicy({
  bureau: 'metro2',
  version: 4,
  default: 'drop',
  summary:
    'The Base segment identifies the consumer by name (Latin letters), SSN or date of birth, address and ' +
    'optionally telephone, and reports the account’s terms, balances, status and 24-month payment history. ' +
    'The full name in Chinese characters, e-mail, borrower id and every consumption detail are withheld; the ' +
    'number of an identity document other than a US SSN is withheld too (Metro 2 has no field for it).',
  events: {
    // A monthly Base segment, plus one when the account opens, closes or is charged off.
    INSTALMENT_LOAN: ['ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
    REVOLVING_LINE: ['ACCOUNT_OPENED', 'STATEMENT_CLOSED', 'ACCOUNT_CLOSED', 'CHARGED_OFF'],
  },
  fields: {
    eventId: { tag: 'event-metadata', required: true, why: 'Outbound record id and sourceEventId (idempotency, audit); not in the Base segment' },
    eventType: { tag: 'event-metadata', required: true, why: 'Which status the Base segment reports (closure, charge-off)' },
    'corrects.eventId': { tag: 'event-metadata', why: 'Correction or retraction (loan-event v3): names the published event whose record it corrects or deletes' },
    'corrects.kind': { tag: 'event-metadata', why: 'CORRECTION or RETRACTION: the corrected Base segment (CorrectionIndicator 1) of the record the corrected event published' },
    occurredAt: { tag: 'event-metadata', required: true, why: 'DateAccountInformation (182-189) and TimeStamp (6-19)' },
    'consent.consentId': { tag: 'consent', required: true, why: 'Names the authorising consent in the outbound envelope (PRODUCT.md rule 1); not in the Base segment' },
    'consent.version': { tag: 'consent', required: true, why: 'Version of that consent, in the outbound envelope' },
    'furnisher.metro2IdentificationNumber': {
      tag: 'event-metadata',
      required: true,
      normalise: { kind: 'code', pattern: /^(?!0+$)(?!9+$)[0-9A-Z]{5,20}$/, expected: 'a Metro 2 identification number (5-20 letters or digits, not all 0 or all 9)' },
      why: 'IdentificationNumber (21-40), the furnisher’s id',
    },
    'account.accountId': { tag: 'account', required: true, why: 'ConsumerAccountNumber (43-72)' },
    'account.productType': { tag: 'account', required: true, why: 'PortfolioType (73) and AccountType (74-75): line of credit C, instalment I' },
    'account.currency': { tag: 'account', required: true, why: 'Amounts are whole US dollars: only USD accounts can be reported' },
    'account.openedOn': { tag: 'account', required: true, why: 'DateOpened (76-83)' },
    'account.creditLimit': { tag: 'account', why: 'CreditLimit (84-92) of a line of credit' },
    'account.principal': { tag: 'account', why: 'HighestCredit (93-101) of an instalment loan: the original amount' },
    'account.instalmentCount': { tag: 'account', why: 'TermsDuration (102-104): months of an instalment loan' },
    'account.instalmentAmount': { tag: 'account', why: 'ScheduledMonthlyPaymentAmount (106-114) of an instalment loan between statements' },
    'account.repaymentFrequency': { tag: 'account', why: 'TermsFrequency (105)' },
    'account.balance': { tag: 'account', required: true, why: 'CurrentBalance (155-163)' },
    'account.highestBalance': { tag: 'account', why: 'HighestCredit (93-101) of a line of credit' },
    'account.amountPastDue': { tag: 'account', why: 'AmountPastDue (164-172)' },
    'account.daysPastDue': { tag: 'account', why: 'AccountStatus (124-125) and PaymentRating (126)' },
    'account.status': { tag: 'account', required: true, why: 'AccountStatus (124-125)' },
    'account.closedOn': { tag: 'account', why: 'DateClosed (198-205)' },
    'account.chargedOffAmount': { tag: 'account', why: 'OriginalChargeOffAmount (173-181), statuses 64 and 97' },
    'account.dateOfFirstDelinquency': { tag: 'account', why: 'DateFirstDelinquency (190-197)' },
    'account.lastPaymentDate': { tag: 'account', why: 'DateLastPayment (206-213)' },
    'account.paymentHistory[].monthEnd': { tag: 'account', why: 'Which month each PaymentHistoryProfile (127-150) byte reports: byte 1 is the month before Date of Account Information' },
    'account.paymentHistory[].standing': { tag: 'account', why: 'PaymentHistoryProfile (127-150) on every record, closures without a statement included' },
    'borrower.familyName': { tag: 'identity', required: true, normalise: { kind: 'trim' }, why: 'Surname (232-256)' },
    'borrower.givenName': { tag: 'identity', required: true, normalise: { kind: 'trim' }, why: 'FirstName (257-276)' },
    'borrower.middleName': { tag: 'identity', normalise: { kind: 'trim' }, why: 'MiddleName (277-296)' },
    'borrower.nameSuffix': { tag: 'identity', normalise: { kind: 'trim' }, why: 'GenerationCode (297): JR, SR, II …' },
    'borrower.idType': { tag: 'identity', why: 'Whether idNumber is a social security number' },
    'borrower.idNumber': { tag: 'identity', normalise: { kind: 'us-ssn' }, why: 'SocialSecurityNumber (298-306)' },
    'borrower.dateOfBirth': { tag: 'identity', why: 'DateBirth (307-314)' },
    'borrower.phone': { tag: 'contact', normalise: { kind: 'phone', defaultCountryCode: '1' }, why: 'TelephoneNumber (315-324), 10-digit NANP number' },
    'borrower.address.line1': { tag: 'contact', required: true, normalise: { kind: 'trim' }, why: 'FirstLineAddress (330-361)' },
    'borrower.address.line2': { tag: 'contact', normalise: { kind: 'trim' }, why: 'SecondLineAddress (362-393)' },
    'borrower.address.city': { tag: 'contact', required: true, normalise: { kind: 'trim' }, why: 'City (394-413)' },
    'borrower.address.region': { tag: 'contact', required: true, normalise: { kind: 'trim' }, why: 'State (414-415)' },
    'borrower.address.postalCode': { tag: 'contact', required: true, normalise: { kind: 'trim' }, why: 'ZipCode (416-424)' },
    'borrower.address.countryCode': { tag: 'contact', normalise: { kind: 'trim' }, why: 'CountryCode (328-329), blank for the US' },
    'statement.minimumDue': { tag: 'statement', why: 'ScheduledMonthlyPaymentAmount (106-114): the minimum due of a line of credit' },
    'statement.amountPaidInMonth': { tag: 'statement', why: 'ActualPaymentAmount (115-123)' },
    'statement.paymentHistory': { tag: 'statement', why: 'PaymentHistoryProfile (127-150): 24 months, most recent first' },
  },
  oneOf: [
    {
      id: 'metro2.ssn-or-dob',
      paths: ['borrower.idNumber', 'borrower.dateOfBirth'],
      why: 'The Base segment needs a social security number or a date of birth (bureau-formats.md §5.1 rule 13)',
    },
  ],
});
