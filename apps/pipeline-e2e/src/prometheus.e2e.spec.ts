import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generateSyntheticMonth, publishSyntheticMonth } from '@furnish/lending-synthetic';
import { TOPICS } from '@furnish/shared-contracts';
import { ensurePrometheusInstalled, PROMETHEUS_DIR, seriesSelectors } from '@furnish/tools-prometheus';
import { PipelineClient } from '@furnish/tools-kafka';
import { SERVICES } from '@furnish/tools-stack';
import { eventually, PrometheusApi, type PromRule } from './support/prometheus';
import { aFreshBorrower, consentFor, loanEventFor, RECEIVED_BY_EVERY_BUREAU } from './support/scenario';
import { services } from './support/services';

/** Rule groups on metrics of a Kubernetes cluster (cAdvisor, kube-state-metrics), which the local stack does not have. */
const CLUSTER_ONLY_GROUPS = ['furnish-kubernetes'];
const DASHBOARD = path.join(PROMETHEUS_DIR, '..', 'grafana', 'furnish.dashboard.json');
const ALERT_RULES = path.join(PROMETHEUS_DIR, 'rules', 'furnish-alerts.rules.yml');
const TEST_RULES = 'furnish-alerts-e2e.yml';

/**
 * The deployed alerts, renamed with an E2e suffix, with `for: 0s` and the stuck-partition window cut
 * from 10 minutes to 30 s, so the test sees them fire in seconds. Expressions are otherwise the same.
 */
function quickAlerts(text: string): string {
  return text
    .replace(/- name: (\S+)/g, '- name: $1-e2e')
    .replace(/- alert: (\w+)/g, '- alert: $1E2e')
    .replace(/for: \S+/g, 'for: 0s')
    .replace(/\[10m\]/g, '[30s]');
}

function dashboardQueries(): { title: string; expr: string }[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
  return dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ title: panel.title, expr: target.expr })));
}

describe('Prometheus against the running pipeline (rules, alerts, dashboard)', () => {
  const prometheus = new PrometheusApi();
  const kafka = new PipelineClient();
  let ledgerStopped = false;

  beforeAll(async () => {
    ensurePrometheusInstalled();
    await eventually(`Prometheus at ${prometheus.url} (npm run stack:up starts it)`, async () => ((await fetch(`${prometheus.url}/-/ready`)).ok ? true : undefined), 30_000);
    await prometheus.addRules(TEST_RULES, quickAlerts(readFileSync(ALERT_RULES, 'utf8')));
  });

  afterAll(async () => {
    if (ledgerStopped) await services.start('consent-ledger');
    await prometheus.removeRules(TEST_RULES);
    await kafka.close();
  });

  it('scrapes the four services, and every /metrics passes promtool check metrics', async () => {
    const up = await eventually('all four services scraped and up', async () => {
      const samples = await prometheus.query('up{job="furnish"} == 1');
      return samples.length === SERVICES.length ? samples : undefined;
    });
    expect(up.map((s) => s.metric['service']).sort()).toEqual(SERVICES.map((s) => s.name).sort());
    for (const service of SERVICES) {
      const text = await (await fetch(services.metricsUrl(service.name))).text();
      const lint = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
      expect({ service: service.name, status: lint.status, output: `${lint.stdout}${lint.stderr}` }).toEqual({ service: service.name, status: 0, output: '' });
    }
  });

  it('after traffic, every recording rule, every alert selector and every dashboard query returns series', async () => {
    // A month of the synthetic lender: consented and unconsented borrowers, every event type, so
    // every bureau gets outbound records and every decision reason occurs.
    const capture = await kafka.capture(Object.values(TOPICS.outbound));
    const month = generateSyntheticMonth({ borrowers: 60, seed: randomUUID(), month: '2026-11' });
    await publishSyntheticMonth(kafka, month);
    for (const topic of Object.values(TOPICS.outbound)) await capture.waitFor((r) => r.topic === topic && (r.key ?? '').includes(month.idTag), 1, 180_000);

    const groups = (await prometheus.ruleGroups()).filter((g) => g.file.startsWith(path.join(PROMETHEUS_DIR, 'rules')));
    expect(groups.map((g) => g.name).sort()).toEqual(['furnish-alerts', 'furnish-consent-integrity', 'furnish-kubernetes', 'furnish-sli']);
    const rules = groups.filter((g) => !CLUSTER_ONLY_GROUPS.includes(g.name)).flatMap((g) => g.rules);
    const check = (what: string, expr: string) =>
      eventually(`${what}: ${expr} returns series`, async () => ((await prometheus.query(expr)).length > 0 ? true : undefined), 60_000);
    for (const rule of rules.filter((r): r is PromRule => r.type === 'recording')) await check(`recording rule ${rule.name}`, rule.query);
    for (const rule of rules.filter((r) => r.type === 'alerting')) {
      await prometheus.query(rule.query); // a PromQL error throws
      for (const selector of seriesSelectors(rule.query)) await check(`alert ${rule.name} selector`, selector);
    }
    for (const { title, expr } of dashboardQueries()) await check(`dashboard panel "${title}"`, expr);
  }, 420_000);

  it('fires the dead-letter-rate alert when a stage dead-letters its input', async () => {
    const ids = aFreshBorrower();
    for (let i = 0; i < 30; i++) await kafka.publishRaw(TOPICS.loanEvents, ids.accountId, Buffer.from(`not an Avro record ${i}`));
    const firing = await eventually('FurnishDeadLetterRateHigh fires for consent-filter', async () => {
      const alerts = await prometheus.firing('FurnishDeadLetterRateHighE2e');
      return alerts.find((a) => a['stage'] === 'consent-filter');
    });
    expect(firing).toMatchObject({ stage: 'consent-filter', severity: 'ticket' });
  }, 180_000);

  it('fires the not-progressing and waiting alerts for a partition stuck behind a stopped consent ledger, and clears once it moves', async () => {
    const ids = aFreshBorrower();
    const capture = await kafka.capture([TOPICS.consentedLoanEvents]);
    await services.stop('consent-ledger');
    ledgerStopped = true;
    await kafka.publish(TOPICS.consentEvents, ids.borrowerId, consentFor(ids.borrowerId, { bureaus: ['METRO2'], effectiveAt: new Date('2024-01-01T00:00:00Z') }));
    await kafka.publish(TOPICS.loanEvents, ids.accountId, loanEventFor(ids, RECEIVED_BY_EVERY_BUREAU));

    const stuck = await eventually(
      'FurnishPartitionNotProgressing fires for consent-filter',
      async () => (await prometheus.firing('FurnishPartitionNotProgressingE2e')).find((a) => a['stage'] === 'consent-filter'),
      150_000,
    );
    expect(stuck).toMatchObject({ stage: 'consent-filter', topic: TOPICS.loanEvents, severity: 'page' });
    const waiting = await prometheus.firing('FurnishPartitionsWaitingE2e');
    expect(waiting.map((a) => a['stage'])).toContain('consent-filter');

    await services.start('consent-ledger');
    ledgerStopped = false;
    await capture.waitFor((r) => r.sourceKey === ids.accountId, 1, 120_000);
    await eventually(
      'FurnishPartitionNotProgressing clears',
      async () => ((await prometheus.firing('FurnishPartitionNotProgressingE2e')).some((a) => a['stage'] === 'consent-filter') ? undefined : true),
      120_000,
    );
  }, 420_000);
});
