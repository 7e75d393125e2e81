import Big from 'big.js';
import { TOPICS } from '@furnish/shared-contracts';
import { aStatement, aUsBorrower } from '@furnish/shared-contracts/testing';
import { MINIMISATION_HEADERS } from '@furnish/minimisation-domain';
import { HEADERS } from '@furnish/shared-stage-runtime';
import { PipelineClient } from '@furnish/tools-kafka';
import { whyReport } from '@furnish/consent-data-access-reports';
import { aFreshBorrower, consentFor, loanEventFor, TEST_DATABASE_URL, waitUntilInLedger } from './support/scenario';

/** Minimiser run time: a record its bureau cannot take goes to the DLQ naming the field, never its value. */
describe('minimiser dead letters and withheld values (real pipeline)', () => {
  const kafka = new PipelineClient();
  afterAll(() => kafka.close());

  it('dead-letters a Baihang record whose id number is not a resident id, naming the field in the DLQ and the audit, and minimises the next one', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.minimised.baihang, TOPICS.deadLetter.minimiser]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);

    const passportNumber = `E${ids.accountId.slice(-8)}`;
    const bad = loanEventFor(ids, { borrower: { idType: 'PASSPORT', idNumber: passportNumber } });
    const good = loanEventFor(ids);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, bad);
    await kafka.publish(TOPICS.loanEvents, ids.accountId, good);

    const [dead] = await capture.waitFor((r) => r.topic === TOPICS.deadLetter.minimiser && r.sourceKey === ids.accountId, 1);
    expect(dead.headers).toMatchObject({ [HEADERS.stage]: 'minimiser', [HEADERS.errorCode]: 'EVENT_INVALID', [HEADERS.sourceTopic]: TOPICS.consentedLoanEvents });
    expect(dead.headers[HEADERS.errorMessage]).toBe(
      'minimisation policy baihang@3 rejected the record: borrower.idNumber is malformed (expected a PRC resident id number; borrower.idType is not PRC_RESIDENT_ID)',
    );
    expect(JSON.stringify(dead.headers)).not.toContain(passportNumber);
    // The rejection is in the audit trail before the dead letter is committed: `why` names stage, code and rule.
    const why = await whyReport({ eventId: bad.eventId, bureau: 'baihang', databaseUrl: TEST_DATABASE_URL });
    expect(why).toContain('NOT REPORTED (REJECTED by minimiser, EVENT_INVALID, rules baihang.borrower.idNumber.malformed)');
    expect(why).not.toContain(passportNumber);
    const [minimised] = await capture.waitFor((r) => r.topic === TOPICS.minimised.baihang && r.sourceKey === ids.accountId, 1);
    expect(minimised.value).toMatchObject({ eventId: good.eventId });
    expect(minimised.headers[MINIMISATION_HEADERS.policy]).toBe('baihang@3');
  });

  it('withholds a malformed optional Metro 2 phone number and names it in a header', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.minimised.metro2]);
    const consent = consentFor(ids.borrowerId, { bureaus: ['METRO2'], effectiveAt: new Date('2024-01-01T00:00:00Z') });
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consent);
    await waitUntilInLedger(consent.consentId);
    const event = loanEventFor(ids, {
      eventType: 'STATEMENT_CLOSED',
      statement: aStatement(),
      borrower: { ...aUsBorrower({ borrowerId: ids.borrowerId }), phone: 'ask at branch' },
      account: { currency: 'USD', creditLimit: new Big('5000.00') },
    });
    await kafka.publish(TOPICS.loanEvents, ids.accountId, event);

    const [minimised] = await capture.waitFor((r) => r.sourceKey === ids.accountId, 1);
    expect(minimised.headers).toMatchObject({ [MINIMISATION_HEADERS.policy]: 'metro2@4', [MINIMISATION_HEADERS.withheld]: 'borrower.phone' });
    expect(minimised.value).toMatchObject({ eventId: event.eventId, borrower: { phone: '' } });
  });
});
