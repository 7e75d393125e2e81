import type { RecordStateEntry } from '@furnish/consent-data-access';

/**
 * What `why` says about the bureau's side of each published record: SENT until feedback says more,
 * then every step the feedback audit holds (ACCEPTED, REJECTED with each code and its rule, RESENT
 * naming the corrected record), oldest first. Record ids, codes, rule texts and file names only.
 */
export function renderBureauStates(published: readonly { readonly bureau: string; readonly recordId: string }[], history: ReadonlyMap<string, readonly RecordStateEntry[]>): string {
  if (published.length === 0) return '';
  const lines = published.flatMap(({ bureau, recordId }) => {
    const steps = history.get(recordId) ?? [];
    if (steps.length === 0) return [`  ${bureau} record ${recordId}: SENT (no feedback from ${bureau} yet)`];
    const current = steps[steps.length - 1];
    return [`  ${bureau} record ${recordId}: ${current.state}`, ...steps.map(describeStep)];
  });
  return `Bureau state (feedback, npm run feedback):\n${lines.join('\n')}`;
}

function describeStep(step: RecordStateEntry): string {
  const when = step.at.toISOString();
  switch (step.state) {
    case 'ACCEPTED':
      return `    ${when} ACCEPTED by ${step.fileName} line ${step.fileLine} (imported by ${step.operator})`;
    case 'REJECTED':
      return [`    ${when} REJECTED by ${step.fileName} line ${step.fileLine} (imported by ${step.operator}):`, ...step.codes.map((code, i) => `      ${code}: ${step.rules[i]}`)].join('\n');
    case 'RESENT':
      return `    ${when} RESENT: superseded by the corrected record ${step.supersededBy} (marked by ${step.operator})`;
  }
}
