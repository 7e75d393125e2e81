/**
 * The rule checks `npm test` runs: promtool check rules (the plain files and the PrometheusRule's
 * groups) and promtool test rules (deploy/prometheus/tests). Installs promtool when missing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROMETHEUS_DIR, PROMETHEUS_RULE_FILE, RULE_FILES } from './prometheus-rule';
import { ensurePrometheusInstalled, promtool } from './promtool';

/** The PrometheusRule's spec.groups as a plain rule file, for promtool. */
function specGroupsAsRuleFile(manifest: string): string {
  const lines = manifest.split('\n');
  const at = lines.indexOf('  groups:');
  if (at < 0) throw new Error(`${PROMETHEUS_RULE_FILE}: no spec.groups`);
  return ['groups:', ...lines.slice(at + 1).map((line) => line.replace(/^ {2}/, ''))].join('\n');
}

function main(): void {
  ensurePrometheusInstalled();
  const rules = RULE_FILES.map((name) => path.join(PROMETHEUS_DIR, 'rules', name));
  console.log(promtool(['check', 'rules', ...rules]).trim());
  const scratch = mkdtempSync(path.join(tmpdir(), 'furnish-rules-'));
  try {
    const fromManifest = path.join(scratch, 'prometheus-rule.groups.yml');
    writeFileSync(fromManifest, specGroupsAsRuleFile(readFileSync(PROMETHEUS_RULE_FILE, 'utf8')));
    console.log(promtool(['check', 'rules', fromManifest]).trim());
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const testsDir = path.join(PROMETHEUS_DIR, 'tests');
  const tests = readdirSync(testsDir)
    .filter((name) => name.endsWith('.test.yml'))
    .map((name) => path.join(testsDir, name));
  console.log(promtool(['test', 'rules', ...tests]).trim());
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
