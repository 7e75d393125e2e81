import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROMETHEUS_RULE_FILE, renderPrometheusRule } from './prometheus-rule';
import { alertsInRuleFiles, anchorsOf, headingAnchor } from './rule-files';

const OPERATIONS = path.join(__dirname, '..', '..', 'docs', 'operations.md');
const REQUIRED_ALERTS = [
  'FurnishPartitionNotProgressing',
  'FurnishBureauFreshnessSLOBreached',
  'FurnishDeadLetterRateHigh',
  'FurnishWithdrawalRejected',
  'FurnishPartitionsWaiting',
  'FurnishTransactionAbortRateHigh',
  'FurnishConsentLedgerWaitHigh',
  'FurnishServiceDown',
  'FurnishServiceNotReady',
  'FurnishMemoryNearLimit',
  'FurnishHeapNearLimit',
  'FurnishLatencyBudgetBurnFast',
  'FurnishLatencyBudgetBurnSlow',
];

describe('Prometheus rules', () => {
  const alerts = alertsInRuleFiles();

  it('has the alerts issue 13 asks for', () => {
    expect(alerts.map((a) => a.name)).toEqual(expect.arrayContaining(REQUIRED_ALERTS));
  });

  it.each(alertsInRuleFiles().map((a) => [a.name, a] as const))('%s has a severity, a summary and a runbook_url to a section of docs/operations.md that exists', (_name, alert) => {
    expect(alert.text).toMatch(/\n\s+severity: (page|ticket)\n/);
    expect(alert.text).toMatch(/\n\s+summary: "[^"]+"\n/);
    const anchor = /\n\s+runbook_url: docs\/operations\.md#(\S+)/.exec(alert.text)?.[1];
    expect(anchor).toBeDefined();
    expect([...anchorsOf(readFileSync(OPERATIONS, 'utf8'))]).toContain(anchor);
  });

  it('the PrometheusRule manifest holds exactly the plain files (regenerate: node tools/run.js tools/prometheus/prometheus-rule.cli.ts)', () => {
    expect(readFileSync(PROMETHEUS_RULE_FILE, 'utf8')).toBe(renderPrometheusRule());
  });
});

describe('headingAnchor', () => {
  it('follows GitHub: lower case, punctuation dropped, spaces to hyphens', () => {
    expect(headingAnchor('Alert: FurnishServiceDown')).toBe('alert-furnishservicedown');
    expect(headingAnchor('"Why (not)?" and coverage in production')).toBe('why-not-and-coverage-in-production');
  });
});

describe('alertsInRuleFiles', () => {
  it('cuts alerts at the next rule or group, so one alert never lends its runbook to another', () => {
    const text = 'groups:\n  - name: g\n    rules:\n      - alert: A\n        labels:\n          severity: page\n      - record: r\n        expr: x\n      - alert: B\n        expr: y\n';
    const found = alertsInRuleFiles((name) => (name === 'furnish-sli.rules.yml' ? text : 'groups:\n'));
    expect(found.map((a) => a.name)).toEqual(['A', 'B']);
    expect(found[1].text).not.toContain('severity');
  });
});
