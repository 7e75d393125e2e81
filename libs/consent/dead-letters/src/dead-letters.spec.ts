import type { KafkaMessage } from 'kafkajs';
import { TOPICS } from '@furnish/shared-contracts';
import { deadLetterMessage, parseDeadLetterKeys } from '@furnish/shared-stage-runtime';
import { FurnishError } from '@furnish/shared-util-errors';
import { formatDeadLetterAddress, parseDeadLetterAddress } from './dead-letter-address';
import { checkOperator, DeadLetterRequestError } from './dead-letter-operations';
import { renderAccess, renderDeadLetterList } from './dead-letter-render';
import { NotADeadLetterError, summariseDeadLetter } from './dead-letter-summary';
import { originalEventId } from './original-event-id';

const keys = parseDeadLetterKeys(`k1:${Buffer.alloc(32, 3).toString('base64')}`);
const CANARY = 'Canary Li 11010519491231002X';
const input = { key: Buffer.from('ACC-1'), value: Buffer.concat([Buffer.from([0, 0, 0, 0, 9]), Buffer.from(CANARY)]), offset: '17', timestamp: '1765000000000', headers: {}, attributes: 0 } as unknown as KafkaMessage;
/** A dead letter as the filter writes it, read back from its DLQ at offset 4. */
const dead = (): KafkaMessage => {
  const message = deadLetterMessage('consent-filter', { topic: TOPICS.loanEvents, partition: 2, message: input }, new FurnishError('KEY_MISMATCH', 'record key must be account.accountId', 'dead-letter'), keys);
  return { ...message, offset: '4', timestamp: '1765000001000', attributes: 0 } as unknown as KafkaMessage;
};

describe('dead-letter addresses', () => {
  it('round-trip <stage>:<partition>:<offset>', () => {
    const address = parseDeadLetterAddress('bureau-formatter:0:0012');
    expect(address).toEqual({ stage: 'bureau-formatter', topic: TOPICS.deadLetter['bureau-formatter'], partition: 0, offset: '12' });
    expect(formatDeadLetterAddress(address)).toBe('bureau-formatter:0:12');
  });
});

describe('summariseDeadLetter', () => {
  it('reads stage, reason, source position, schema id and key id from the headers and envelope, nothing else', () => {
    const summary = summariseDeadLetter(TOPICS.deadLetter['consent-filter'], 0, dead());
    expect(summary).toMatchObject({
      address: { stage: 'consent-filter', topic: TOPICS.deadLetter['consent-filter'], partition: 0, offset: '4' },
      errorCode: 'KEY_MISMATCH',
      sourceTopic: TOPICS.loanEvents,
      sourcePartition: 2,
      sourceOffset: '17',
      schemaId: '9',
      keyId: 'k1',
      omitted: undefined,
      deadLetteredAt: new Date(1765000001000),
      sourceTimestamp: new Date(1765000000000),
    });
    expect(JSON.stringify(summary)).not.toContain('ACC-1');
  });

  it('lists without payload', () => {
    const text = renderDeadLetterList([summariseDeadLetter(TOPICS.deadLetter['consent-filter'], 0, dead())]);
    expect(text).toContain(`consent-filter:0:4  2025-12-06T05:46:41.000Z  KEY_MISMATCH  ${TOPICS.loanEvents}:2:17`);
    expect(text).not.toContain('Canary');
  });

  it('refuses a record without the headers of a dead letter', () => {
    const stray = { key: null, value: Buffer.from('x'), offset: '0', timestamp: '0', headers: {}, attributes: 0 } as unknown as KafkaMessage;
    expect(() => summariseDeadLetter(TOPICS.deadLetter.minimiser, 0, stray)).toThrow(NotADeadLetterError);
  });
});

describe('operators and the audit', () => {
  it('requires a named operator', () => {
    expect(checkOperator('alice@lender.example')).toBe('alice@lender.example');
    for (const bad of [undefined, '', 'alice smith', 'x'.repeat(129)]) expect(() => checkOperator(bad)).toThrow(DeadLetterRequestError);
  });

  it('renders a re-drive for why and show', () => {
    const letter = { dlqTopic: TOPICS.deadLetter['consent-filter'], dlqPartition: 0, dlqOffset: '4', stage: 'consent-filter', errorCode: 'KEY_MISMATCH', sourceTopic: TOPICS.loanEvents, sourcePartition: 2, sourceOffset: '17', keyId: 'k1' };
    expect(
      renderAccess({ action: 'REDRIVEN', operator: 'alice', at: new Date('2026-12-06T17:00:00Z'), letter, redriveId: 'r-1', target: { topic: TOPICS.loanEvents, partition: 3, offset: '99' }, keyReplaced: true }),
    ).toBe(`  2026-12-06T17:00:00.000Z alice re-drove dead letter consent-filter:0:4 (KEY_MISMATCH) to ${TOPICS.loanEvents} partition 3 offset 99 with a corrected key (re-drive r-1)`);
  });
});

describe('originalEventId', () => {
  it('finds the loan event id where each stage input keeps it', () => {
    expect(originalEventId({ eventId: 'E1' })).toBe('E1');
    expect(originalEventId({ loanEvent: { eventId: 'E2' }, bureau: 'PBOC_CRC' })).toBe('E2');
    expect(originalEventId({ consentId: 'C1', version: 1 })).toBeNull();
    expect(originalEventId(undefined)).toBeNull();
  });
});
