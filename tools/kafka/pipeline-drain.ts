import type { Admin } from 'kafkajs';
import { consumerGroupOf, TOPICS } from '@furnish/shared-contracts';
import { committedOffsets, drainTargets, endOffsets, remaining, type Offsets } from './topic-offsets';

export interface PipelineStage {
  readonly name: string;
  readonly groupId: string;
  readonly inputTopics: readonly string[];
  /** Whether its input is written in transactions (by the stage before it), so ends carry markers. */
  readonly transactional: boolean;
  /** The stage whose output it reads; it is done only once that one is. */
  readonly upstream: string | null;
}

/** The services in data-flow order, with the consumer group each commits its input offsets in. */
export const PIPELINE_STAGES: readonly PipelineStage[] = [
  { name: 'consent-ledger', groupId: consumerGroupOf('consent-ledger'), inputTopics: [TOPICS.consentEvents], transactional: false, upstream: null },
  { name: 'consent-filter', groupId: consumerGroupOf('consent-filter'), inputTopics: [TOPICS.loanEvents], transactional: false, upstream: null },
  { name: 'minimiser', groupId: consumerGroupOf('minimiser'), inputTopics: [TOPICS.consentedLoanEvents], transactional: true, upstream: 'consent-filter' },
  { name: 'bureau-formatter', groupId: consumerGroupOf('bureau-formatter'), inputTopics: Object.values(TOPICS.minimised), transactional: true, upstream: 'minimiser' },
];

export const pipelineInputTopics = (): string[] => PIPELINE_STAGES.flatMap((s) => s.inputTopics);

/** Records a stage has yet to commit of what arrived on its inputs since `starts`. */
export async function recordsToGo(admin: Admin, stage: PipelineStage, starts: Offsets): Promise<number> {
  const targets = drainTargets(starts, await endOffsets(admin, stage.inputTopics), stage.transactional);
  return remaining(await committedOffsets(admin, stage.groupId, stage.inputTopics), targets, starts);
}

/**
 * Waits until every stage has committed everything that arrived on its inputs since `starts`
 * (offsets of all pipeline input topics, read before publishing), reporting each stage's
 * remaining records as it goes. A stage is done only when the stage feeding it is done too.
 */
export async function waitUntilDrained(
  admin: Admin,
  starts: Offsets,
  options: { readonly onProgress?: (stage: string, left: number) => void; readonly pollMs?: number; readonly stages?: readonly PipelineStage[] } = {},
): Promise<void> {
  const stages = options.stages ?? PIPELINE_STAGES;
  const done = async (stage: PipelineStage): Promise<boolean> => {
    const left = await recordsToGo(admin, stage, starts);
    options.onProgress?.(stage.name, left);
    if (left > 0) return false;
    const upstream = stages.find((s) => s.name === stage.upstream);
    return !upstream || (await recordsToGo(admin, upstream, starts)) === 0;
  };
  for (const stage of stages) {
    while (!(await done(stage))) await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
