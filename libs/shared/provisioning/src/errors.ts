import { FurnishError } from '@furnish/shared-util-errors';

/** The cluster holds a topic the provisioner may not change into the declared one (e.g. fewer partitions). */
export class TopicChangeRefusedError extends FurnishError {
  constructor(readonly refusals: readonly string[]) {
    super('TOPIC_MISCONFIGURED', `refused to change topics, nothing was changed:\n  ${refusals.join('\n  ')}`, 'halt');
  }
}
