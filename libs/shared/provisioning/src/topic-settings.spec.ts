import { ConfigError } from '@furnish/shared-util-config';
import { TOPICS, TOPIC_SPECS } from '@furnish/shared-contracts';
import { desiredTopics, topicSettingsFromEnv } from './topic-settings';

describe('topicSettingsFromEnv', () => {
  it('defaults to a single-broker cluster with 7 days of retention and 30 for dead letters', () => {
    expect(topicSettingsFromEnv({})).toEqual({
      replicationFactor: 1,
      minInsyncReplicas: 1,
      retentionMs: 604_800_000,
      deadLetterRetentionMs: 2_592_000_000,
      partitions: {},
    });
  });

  it('reads production values and partition overrides', () => {
    const settings = topicSettingsFromEnv({ TOPIC_REPLICATION_FACTOR: '3', TOPIC_MIN_INSYNC_REPLICAS: '2', TOPIC_PARTITIONS: 'a=12, b=3' });
    expect(settings).toMatchObject({ replicationFactor: 3, minInsyncReplicas: 2, partitions: { a: 12, b: 3 } });
  });

  it.each([
    [{ TOPIC_REPLICATION_FACTOR: '2', TOPIC_MIN_INSYNC_REPLICAS: '3' }, 'TOPIC_MIN_INSYNC_REPLICAS'],
    [{ TOPIC_PARTITIONS: 'a=0' }, 'TOPIC_PARTITIONS'],
    [{ TOPIC_PARTITIONS: 'a' }, 'TOPIC_PARTITIONS'],
    [{ TOPIC_RETENTION_MS: 'week' }, 'TOPIC_RETENTION_MS'],
  ])('names the variable that is wrong (%j)', (environment, variable) => {
    expect(() => topicSettingsFromEnv(environment)).toThrow(ConfigError);
    expect(() => topicSettingsFromEnv(environment)).toThrow(variable);
  });
});

describe('desiredTopics', () => {
  const settings = { replicationFactor: 3, minInsyncReplicas: 2, retentionMs: 1000, deadLetterRetentionMs: 2000, partitions: { [TOPICS.loanEvents]: 12 } };

  it('keeps broker time on the input topics, applies min.insync.replicas, and the DLQ retention to dead-letter topics only', () => {
    const byName = new Map(desiredTopics(TOPIC_SPECS, settings).map((t) => [t.name, t]));
    expect(byName.get(TOPICS.loanEvents)).toEqual({
      name: TOPICS.loanEvents,
      partitions: 12,
      replicationFactor: 3,
      config: { 'message.timestamp.type': 'LogAppendTime', 'min.insync.replicas': '2', 'retention.ms': '1000' },
    });
    expect(byName.get(TOPICS.consentEvents)?.config['message.timestamp.type']).toBe('LogAppendTime');
    expect(byName.get(TOPICS.consentedLoanEvents)?.config).toEqual({ 'min.insync.replicas': '2', 'retention.ms': '1000' });
    expect(byName.get(TOPICS.deadLetter.minimiser)?.config['retention.ms']).toBe('2000');
    expect(byName.get(TOPICS.outbound.metro2)?.partitions).toBe(3);
    expect(byName.size).toBe(TOPIC_SPECS.length);
  });

  it('refuses overrides for topics it does not know', () => {
    expect(() => desiredTopics(TOPIC_SPECS, { ...settings, partitions: { 'lending.loan-event.v1': 12 } })).toThrow('unknown topics: lending.loan-event.v1');
  });
});
