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
  it('names the authorising consent of a reported record and marks it in the history', () => {
    const text = explainDecision(decision, [grant]);
    expect(text).toContain('REPORTED, authorised by consent CNS-1 version 1');
    expect(text).toContain('GRANTED   CNS-1 v1, effective 2024-01-01T00:00:00.000Z, no expiry; via APP, evidence sha256:abc ← authorised this record');
    expect(text).toContain('ledger at positions 0:12 1:7');
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
