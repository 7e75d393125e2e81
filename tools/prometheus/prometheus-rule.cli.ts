/** Writes deploy/prometheus/prometheus-rule.yaml from the plain rule files. */
import { writeFileSync } from 'node:fs';
import { PROMETHEUS_RULE_FILE, renderPrometheusRule } from './prometheus-rule';

writeFileSync(PROMETHEUS_RULE_FILE, renderPrometheusRule());
console.log(`wrote ${PROMETHEUS_RULE_FILE}`);
