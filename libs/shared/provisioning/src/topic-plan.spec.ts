import { describePlan, planTopics, type ExistingTopic } from './topic-plan';
import type { DesiredTopic } from './topic-settings';

const topic = (name: string, partitions: number, config: Record<string, string> = { 'retention.ms': '604800000' }): DesiredTopic => ({
  name,
  partitions,
  replicationFactor: 3,
  config,
});
const existing = (entries: Array<[string, ExistingTopic]>) => new Map(entries);

describe('planTopics', () => {
  it('creates what is missing and leaves what matches alone', () => {
    const plan = planTopics([topic('a', 6), topic('b', 3)], existing([['b', { partitions: 3, replicationFactor: 3, config: { 'retention.ms': '604800000' } }]]));
    expect(plan.create.map((t) => t.name)).toEqual(['a']);
    expect(plan.unchanged).toEqual(['b']);
    expect(plan.addPartitions).toEqual([]);
    expect(plan.alterConfig).toEqual([]);
    expect(plan.refusals).toEqual([]);
  });

  it('adds partitions to a topic with fewer than requested', () => {
    const plan = planTopics([topic('a', 12)], existing([['a', { partitions: 6, replicationFactor: 3, config: { 'retention.ms': '604800000' } }]]));
    expect(plan.addPartitions.map(({ topic: t, from }) => [t.name, from, t.partitions])).toEqual([['a', 6, 12]]);
    expect(plan.unchanged).toEqual([]);
    expect(describePlan(plan)).toEqual(['partitions a 6 → 12']);
  });

  it('refuses to shrink, naming the topic, both counts and the way out', () => {
    const plan = planTopics([topic('a', 3)], existing([['a', { partitions: 6, replicationFactor: 3, config: { 'retention.ms': '604800000' } }]]));
    expect(plan.refusals).toHaveLength(1);
    expect(plan.refusals[0]).toContain('a: has 6 partitions, 3 requested');
    expect(plan.refusals[0]).toContain('--partitions a=6');
    expect(plan.addPartitions).toEqual([]);
  });

  it('refuses a replication factor below the requested one but accepts a higher one', () => {
    const lower = planTopics([topic('a', 6)], existing([['a', { partitions: 6, replicationFactor: 1, config: { 'retention.ms': '604800000' } }]]));
    expect(lower.refusals[0]).toContain('replication factor is 1, 3 requested');
    const higher = planTopics([topic('a', 6)], existing([['a', { partitions: 6, replicationFactor: 5, config: { 'retention.ms': '604800000' } }]]));
    expect(higher.refusals).toEqual([]);
    expect(higher.unchanged).toEqual(['a']);
  });

  it('reports each drifted managed entry with its old and new value', () => {
    const desired = topic('a', 6, { 'message.timestamp.type': 'LogAppendTime', 'retention.ms': '604800000' });
    const plan = planTopics([desired], existing([['a', { partitions: 6, replicationFactor: 3, config: { 'message.timestamp.type': 'CreateTime', 'retention.ms': '604800000' } }]]));
    expect(plan.alterConfig).toEqual([{ topic: desired, changes: [{ name: 'message.timestamp.type', from: 'CreateTime', to: 'LogAppendTime' }] }]);
    expect(describePlan(plan)).toEqual(['configured a: message.timestamp.type CreateTime → LogAppendTime']);
  });
});
