import fc from 'fast-check';
import { ConfigError } from '@furnish/shared-util-config';
import { BUREAUS, consumerGroupOf, isDeadLetterTopic, isOutboundTopic, STAGES, TOPICS, topicNames, topicPrefixFrom } from './topics';

describe('topic names', () => {
  it('are the contract names without a prefix (PRODUCT.md, "Contract in one table")', () => {
    const names = topicNames('');
    expect(names.loanEvents).toBe('lending.loan-events.v1');
    expect(names.consentEvents).toBe('lending.consent-events.v1');
    expect(names.outbound).toEqual({
      'pboc-crc': 'furnish.outbound.pboc-crc.v1',
      baihang: 'furnish.outbound.baihang.v1',
      metro2: 'furnish.outbound.metro2.v1',
    });
    // Our own design (docs/event-contract.md): furnish.dlq.<stage>.v1.
    expect(names.deadLetter.minimiser).toBe('furnish.dlq.minimiser.v1');
  });

  it('are what this process uses when FURNISH_TOPIC_PREFIX is unset (the test environment)', () => {
    expect(TOPICS).toEqual(topicNames(''));
    // docs/configuration.md: KAFKA_CONSUMER_GROUP defaults to furnish.<stage>.
    expect(consumerGroupOf('consent-ledger')).toBe('furnish.consent-ledger');
  });

  it('put the prefix in front of every name', () => {
    const all = (names: ReturnType<typeof topicNames>) => [names.loanEvents, names.consentEvents, names.consentedLoanEvents, ...Object.values(names.minimised), ...Object.values(names.outbound), ...Object.values(names.deadLetter)];
    const prefixed = all(topicNames('bench.'));
    expect(prefixed).toEqual(all(topicNames('')).map((name) => `bench.${name}`));
    expect(prefixed).toContain('bench.lending.loan-events.v1');
  });

  it('tell outbound and dead-letter topics by name, not by a name prefix', () => {
    for (const bureau of BUREAUS) expect(isOutboundTopic(TOPICS.outbound[bureau])).toBe(true);
    for (const stage of STAGES) expect(isDeadLetterTopic(TOPICS.deadLetter[stage])).toBe(true);
    expect(isOutboundTopic(TOPICS.loanEvents)).toBe(false);
    expect(isDeadLetterTopic('furnish.dlq.unknown.v1')).toBe(false);
  });
});

describe('FURNISH_TOPIC_PREFIX', () => {
  it('is empty when unset', () => {
    expect(topicPrefixFrom({})).toBe('');
  });

  it('accepts up to 64 of the characters Kafka allows in a topic name', () => {
    expect(topicPrefixFrom({ FURNISH_TOPIC_PREFIX: 'chaos.' })).toBe('chaos.');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._-]{0,64}$/), (prefix) => {
        expect(topicPrefixFrom({ FURNISH_TOPIC_PREFIX: prefix })).toBe(prefix);
      }),
    );
  });

  it.each([['a space '], ['slash/'], ['colon:'], ['x'.repeat(65)]])('refuses %j, naming the variable but not the value', (prefix) => {
    const attempt = () => topicPrefixFrom({ FURNISH_TOPIC_PREFIX: prefix });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/FURNISH_TOPIC_PREFIX: must be at most 64 letters, digits/);
    expect(() => attempt()).not.toThrow(prefix);
  });
});
