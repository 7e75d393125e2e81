import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROMETHEUS_DIR, RULE_FILES } from './prometheus-rule';

export interface AlertText {
  readonly file: string;
  readonly name: string;
  /** The alert's lines in its rule file (from `- alert:` to the next rule or group). */
  readonly text: string;
}

/** Each alert of the plain rule files with its text, read without a YAML parser (the files are ours and regular). */
export function alertsInRuleFiles(read: (name: string) => string = (name) => readFileSync(path.join(PROMETHEUS_DIR, 'rules', name), 'utf8')): AlertText[] {
  const alerts: AlertText[] = [];
  for (const file of RULE_FILES) {
    const blocks = read(file).split(/\n(?=\s*- (?:alert|record|name):)/);
    for (const block of blocks) {
      const name = /^\s*- alert: (\S+)/.exec(block)?.[1];
      if (name) alerts.push({ file, name, text: block });
    }
  }
  return alerts;
}

/** GitHub's anchor for a Markdown heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors of every heading of a Markdown document. */
export function anchorsOf(markdown: string): Set<string> {
  return new Set(
    markdown
      .split('\n')
      .map((line) => /^#{1,6}\s+(.*)$/.exec(line)?.[1])
      .filter((heading): heading is string => heading !== undefined)
      .map(headingAnchor),
  );
}
