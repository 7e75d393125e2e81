import { accountForChaos, type ChaosExpectations, type DeadLetterSeen, type OutboundSeen } from './chaos-accounting';

const DLQ = 'furnish.dlq.consent-filter.v1';
const expected: ChaosExpectations = {
  releasedTo: new Map([
    ['e1', new Set(['baihang', 'metro2'] as const)],
    ['e2', new Set(['pboc-crc'] as const)],
    ['e3', new Set()],
  ]),
  hostile: [
    { key: 'h1', kind: 'null-value', deadLetterTopic: DLQ, allowedCodes: ['WIRE_FORMAT_INVALID'] },
    { key: 'h2', kind: 'truncated', deadLetterTopic: DLQ, allowedCodes: ['AVRO_DECODE_FAILED', 'AVRO_DECLARED_SIZE_INVALID'] },
  ],
};
const allDelivered: OutboundSeen[] = [
  { bureau: 'baihang', sourceEventId: 'e1', recordId: 'r1' },
  { bureau: 'metro2', sourceEventId: 'e1', recordId: 'r2' },
  { bureau: 'pboc-crc', sourceEventId: 'e2', recordId: 'r3' },
  { bureau: 'pboc-crc', sourceEventId: 'e2', recordId: 'r4' }, // a second record kind of the same event
];
const hostileLetters: DeadLetterSeen[] = [
  { topic: DLQ, key: 'h1', errorCode: 'WIRE_FORMAT_INVALID' },
  { topic: DLQ, key: 'h2', errorCode: 'AVRO_DECLARED_SIZE_INVALID' },
];
const isAccount = (key: string) => key.startsWith('ACC');

describe('accountForChaos', () => {
  it('finds no breach when every release arrived once and every hostile input was dead-lettered as the contract says', () => {
    const account = accountForChaos(expected, allDelivered, hostileLetters, isAccount);
    expect(account.breaches).toEqual([]);
    expect(account).toMatchObject({ expectedReleases: 3, delivered: 3, hostile: 2, hostileDeadLettered: 2 });
    expect([...account.hostileByKindAndCode]).toEqual([
      ['null-value → WIRE_FORMAT_INVALID', 1],
      ['truncated → AVRO_DECLARED_SIZE_INVALID', 1],
    ]);
  });

  it('reports a lost release, a duplicated record and a record for a bureau the event was not released to', () => {
    const outbound: OutboundSeen[] = [
      allDelivered[0],
      allDelivered[0],
      allDelivered[2],
      { bureau: 'baihang', sourceEventId: 'e3', recordId: 'r9' },
      { bureau: 'baihang', sourceEventId: 'not-ours', recordId: 'x' },
    ];
    const account = accountForChaos(expected, outbound, hostileLetters, isAccount);
    expect(account).toMatchObject({ lost: 1, duplicated: 1, unconsented: 1 });
    expect(account.breaches).toEqual([
      '1 expected releases lost: e1 for metro2',
      '1 outbound records duplicated: r1 ×2',
      '1 records at a bureau the event was not released to: e3 at baihang',
    ]);
  });

  it('reports hostile inputs missing, twice, in the wrong DLQ or with a reason not given to their kind, and valid events dead-lettered', () => {
    const letters: DeadLetterSeen[] = [
      { topic: DLQ, key: 'h1', errorCode: 'PROCESSING_FAILED' },
      { topic: DLQ, key: 'h1', errorCode: 'WIRE_FORMAT_INVALID' },
      { topic: 'furnish.dlq.minimiser.v1', key: 'ACC1', errorCode: 'EVENT_INVALID' },
      { topic: DLQ, key: null, errorCode: 'WIRE_FORMAT_INVALID' },
    ];
    const account = accountForChaos(expected, allDelivered, letters, isAccount);
    expect(account).toMatchObject({ hostileMissing: 1, hostileDuplicated: 1, hostileWrongReason: 1, validDeadLettered: 1 });
    expect(account.breaches).toEqual([
      '1 generated (valid) events dead-lettered: ACC1 (EVENT_INVALID)',
      '1 hostile inputs not dead-lettered: truncated h2',
      `1 hostile inputs dead-lettered with a reason the contract does not give them: null-value h1 in ${DLQ} with PROCESSING_FAILED`,
      '1 hostile inputs dead-lettered more than once: h1 ×2',
    ]);
  });
});
