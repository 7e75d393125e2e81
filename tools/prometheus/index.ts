export { PROMETHEUS_DIR, RULE_FILES } from './prometheus-rule';
export { alertsInRuleFiles, anchorsOf, headingAnchor } from './rule-files';
export { seriesSelectors, metricNameOf } from './promql-selectors';
export { ensurePrometheusInstalled, promtool } from './promtool';
