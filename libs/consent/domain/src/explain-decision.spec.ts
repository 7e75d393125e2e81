import { explainDecision, type RecordedConsent, type RecordedDecision } from './explain-decision';

const at = (iso: string) => new Date(iso);
const grant: RecordedConsent = {
  consentId: 'CNS-1',
  version: 1,
  action: 'GRANTED',
  bureaus: ['pboc-crc', 'baihang'],
  effectiveAt: at('2024-01-01T00:00:00Z'),
  expiresAt: null,
  channel: 'APP',
  evidenceRef: 'sha256:abc',
  receivedAt: at('2024-01-01T00:00:01Z'),
};
const decision: RecordedDecision = {
  eventId: 'e-1',
  bureau: 'pboc-crc',
  decision: 'RELEASED',
  reason: null,
  consentId: 'CNS-1',
  consentVersion: 1,
  eventOccurredAt: at('2024-06-03T11:42:17Z'),
  decidedAt: at('2024-06-03T11:42:18Z'),
  ledgerPosition: { '0': '12', '1': '7' },
};

describe('explainDecision', () => {
  it('names the authorising consent of a reported record, its outbound record id, and marks it in the history', () => {
    const text = explainDecision(decision, [grant], {
      bureau: 'pboc-crc',
      outcome: { kind: 'REPORTED', recordIds: ['rec-9'], consentId: 'CNS-1', consentVersion: 1 },
      decision: undefined,
      duplicates: [],
    });
    expect(text).toContain('REPORTED, authorised by consent CNS-1 version 1; on the outbound topic as record rec-9');
    expect(text).toContain('GRANTED   CNS-1 v1, effective 2024-01-01T00:00:00.000Z, no expiry; via APP, evidence sha256:abc ← authorised this record');
    expect(text).toContain('ledger at positions 0:12 1:7');
  });

  it('says a release is not on the outbound topic yet when nothing after the filter is recorded', () => {
    expect(explainDecision(decision, [grant])).toContain('RELEASED by the consent filter, authorised by consent CNS-1 version 1; not on the outbound topic yet');
  });

  it('says a release was withdrawn before it left, and lists suppressed duplicates', () => {
    const text = explainDecision(decision, [grant], {
      bureau: 'pboc-crc',
      outcome: { kind: 'WITHDRAWN_BEFORE_RELEASE', consentId: 'CNS-1', consentVersion: 1 },
      decision: undefined,
      duplicates: [
        { bureau: 'pboc-crc', stage: 'consent-filter', decision: 'DUPLICATE', reason: null, consentId: null, consentVersion: null, recordId: null, decidedAt: at('2024-06-04T00:00:00Z') },
      ],
    });
    expect(text).toContain('NOT REPORTED (WITHDRAWN_BEFORE_RELEASE)');
    expect(text).toContain('suppressed as a duplicate at 2024-06-04T00:00:00.000Z');
  });

  it("names the consent of a release its bureau's policy does not send, and says who decided there was nothing to send", () => {
    const notSent = (stage: 'consent-filter' | 'bureau-formatter') =>
      explainDecision(decision, [grant], { bureau: 'pboc-crc', outcome: { kind: 'NOT_REPORTABLE', stage, consentId: 'CNS-1', consentVersion: 1 }, decision: undefined, duplicates: [] });
    expect(notSent('consent-filter')).toContain(
      'NOT REPORTED (NOT_REPORTABLE): released by the consent filter under consent CNS-1 version 1, but the bureau receives no event of this kind (its minimisation policy does not send it).',
    );
    expect(notSent('bureau-formatter')).toContain("NOT REPORTED (NOT_REPORTABLE): released by the consent filter under consent CNS-1 version 1, but the bureau's format reports nothing for this event.");
    // No record was made, so the consent is not said to have authorised one.
    expect(notSent('consent-filter')).toContain('GRANTED   CNS-1 v1, effective 2024-01-01T00:00:00.000Z, no expiry; via APP, evidence sha256:abc ← released under this consent (nothing was sent)');
    expect(notSent('consent-filter')).not.toContain('authorised this record');
  });

  it('gives the reason of a withheld record and flags consent recorded after the decision', () => {
    const withdrawal: RecordedConsent = { ...grant, consentId: 'CNS-2', action: 'WITHDRAWN', receivedAt: at('2024-07-01T00:00:00Z'), effectiveAt: at('2024-07-01T00:00:00Z') };
    const text = explainDecision({ ...decision, decision: 'WITHHELD', reason: 'WITHDRAWN', consentId: null, consentVersion: null }, [grant, withdrawal]);
    expect(text).toContain('NOT REPORTED (WITHDRAWN)');
    expect(text).toContain('CNS-2 v1, effective 2024-07-01T00:00:00.000Z; via APP, evidence sha256:abc [recorded after this decision]');
  });

  it('says so when the borrower has no consent for the bureau', () => {
    const text = explainDecision({ ...decision, bureau: 'metro2', decision: 'WITHHELD', reason: 'NO_CONSENT', consentId: null, consentVersion: null }, [grant]);
    expect(text).toContain('had no consent covering this bureau');
    expect(text).toContain('holds no consent event of this borrower for this bureau');
  });
});
