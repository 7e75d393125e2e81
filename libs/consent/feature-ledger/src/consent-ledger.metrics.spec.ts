import { Registry } from 'prom-client';
import { ConsentLedgerMetrics } from './consent-ledger.metrics';

describe('ConsentLedgerMetrics', () => {
  it('exposes every (action, reason) series at 0 from start-up, so an alert on rejected withdrawals has a series', async () => {
    const registry = new Registry();
    new ConsentLedgerMetrics(registry);
    const text = await registry.metrics();
    for (const action of ['GRANTED', 'WITHDRAWN']) {
      for (const reason of ['CONSENT_VERSION_CONFLICT', 'KEY_MISMATCH', 'EVENT_INVALID', 'RECORD_UNSTORABLE']) {
        expect(text).toContain(`furnish_consent_events_rejected_total{action="${action}",reason="${reason}"} 0`);
      }
      expect(text).toContain(`furnish_consent_events_replayed_total{action="${action}"} 0`);
      expect(text).toContain(`furnish_consent_events_recorded_total{action="${action}"} 0`);
    }
  });

  it('counts a rejection under its action and reason only', async () => {
    const registry = new Registry();
    new ConsentLedgerMetrics(registry).rejected('WITHDRAWN', 'CONSENT_VERSION_CONFLICT');
    const text = await registry.metrics();
    expect(text).toContain('furnish_consent_events_rejected_total{action="WITHDRAWN",reason="CONSENT_VERSION_CONFLICT"} 1');
    expect(text).toContain('furnish_consent_events_rejected_total{action="GRANTED",reason="CONSENT_VERSION_CONFLICT"} 0');
  });
});
