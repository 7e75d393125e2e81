import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PROMETHEUS_DIR = path.join(__dirname, '..', '..', 'deploy', 'prometheus');
/** The plain rule files, in the order their groups appear in the PrometheusRule. */
export const RULE_FILES = ['furnish-sli.rules.yml', 'furnish-alerts.rules.yml', 'furnish-consent-integrity.rules.yml'] as const;
export const PROMETHEUS_RULE_FILE = path.join(PROMETHEUS_DIR, 'prometheus-rule.yaml');

const HEADER = `# GENERATED from deploy/prometheus/rules/*.rules.yml by
#   node tools/run.js tools/prometheus/prometheus-rule.cli.ts
# Edit the plain rule files, not this one (a unit test fails when it is out of date).
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: furnish
  labels:
    app.kubernetes.io/part-of: furnish
spec:
  groups:
`;

/**
 * The groups of a plain rule file, re-indented to sit under `spec.groups`. The files are written
 * with \`groups:\` as their only top-level key, so this is a text move, not a YAML rewrite: comments
 * and block scalars stay as they are.
 */
export function groupsOf(ruleFileText: string, fileName: string): string {
  const lines = ruleFileText.split('\n');
  const start = lines.findIndex((line) => line === 'groups:');
  if (start < 0) throw new Error(`${fileName}: expected a top-level "groups:" line`);
  const body = lines.slice(start + 1);
  const stray = body.find((line) => line.length > 0 && !line.startsWith(' '));
  if (stray !== undefined) throw new Error(`${fileName}: "groups:" must be the only top-level key (found "${stray}")`);
  return body
    .filter((line, i) => line.length > 0 || i < body.length - 1)
    .map((line) => (line.length === 0 ? line : `  ${line}`))
    .join('\n')
    .replace(/\n+$/, '');
}

/** The PrometheusRule manifest holding every group of the plain rule files. */
export function renderPrometheusRule(readRuleFile: (name: string) => string = (name) => readFileSync(path.join(PROMETHEUS_DIR, 'rules', name), 'utf8')): string {
  return `${HEADER}${RULE_FILES.map((name) => groupsOf(readRuleFile(name), name)).join('\n')}\n`;
}
