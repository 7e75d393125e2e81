import { parseProvisionerArgs, UsageError } from './provisioner.args';

describe('parseProvisionerArgs', () => {
  it('turns flags into the variables they override', () => {
    expect(
      parseProvisionerArgs(['topics', '--replication-factor', '3', '--min-insync-replicas=2', '--partitions', 'a=12', '--partitions', 'b=6', '--dlq-retention-ms', '60000']),
    ).toEqual({
      command: 'topics',
      environment: { TOPIC_REPLICATION_FACTOR: '3', TOPIC_MIN_INSYNC_REPLICAS: '2', TOPIC_DLQ_RETENTION_MS: '60000', TOPIC_PARTITIONS: 'a=12,b=6' },
    });
  });

  it('accepts each command alone', () => {
    for (const command of ['topics', 'schemas', 'migrate', 'all']) expect(parseProvisionerArgs([command]).command).toBe(command);
  });

  it.each([[[]], [['shrink']], [['topics', 'extra']], [['topics', '--replicas', '3']]])('refuses %j with a usage error', (argv) => {
    expect(() => parseProvisionerArgs(argv)).toThrow(UsageError);
  });
});
