import { accountForChaos, type ChaosDeliveries, type ChaosExpectations, type DeadLetterSeen } from './chaos-accounting';

const DLQ = 'furnish.dlq.consent-filter.v1';
const expected: ChaosExpectations = {
  releasedTo: new Map([
    ['e1', new Set(['baihang', 'metro2'] as const)],
    ['e2', new Set(['pboc-crc'] as const)],
    ['e3', new Set()],
  ]),
  // e2 is, say, a repayment: PBOC may or may not report it.
  mustReport: new Map([['e1', new Set(['baihang', 'metro2'] as const)]]),
  hostile: [
    { key: 'h1', kind: 'null-value', deadLetterTopic: DLQ, allowedCodes: ['WIRE_FORMAT_INVALID'] },
    { key: 'h2', kind: 'truncated', deadLetterTopic: DLQ, allowedCodes: ['AVRO_DECODE_FAILED', 'AVRO_DECLARED_SIZE_INVALID'] },
  ],
};
const hostileLetters: DeadLetterSeen[] = [
  { topic: DLQ, key: 'h1', errorCode: 'WIRE_FORMAT_INVALID' },
  { topic: DLQ, key: 'h2', errorCode: 'AVRO_DECLARED_SIZE_INVALID' },
];
const allDelivered: ChaosDeliveries = {
  released: [
    { bureau: 'baihang', sourceEventId: 'e1' },
    { bureau: 'metro2', sourceEventId: 'e1' },
    { bureau: 'pboc-crc', sourceEventId: 'e2' },
    { bureau: 'baihang', sourceEventId: 'someone-elses' },
  ],
  outbound: [
    { bureau: 'baihang', sourceEventId: 'e1', recordId: 'r1' },
    { bureau: 'metro2', sourceEventId: 'e1', recordId: 'r2' },
    { bureau: 'metro2', sourceEventId: 'e1', recordId: 'r3' }, // a second record kind of the same event
  ],
  deadLetters: hostileLetters,
};
const isAccount = (key: string) => key.startsWith('ACC');

describe('accountForChaos', () => {
  it('finds no breach when every release and required record arrived once and every hostile input was dead-lettered as the contract says', () => {
    const account = accountForChaos(expected, allDelivered, isAccount);
    expect(account.breaches).toEqual([]);
    expect(account).toMatchObject({ expectedReleases: 3, released: 3, mustReport: 2, reported: 2, outboundRecords: 3, hostile: 2, hostileDeadLettered: 2 });
    expect([...account.hostileByKindAndCode]).toEqual([
      ['null-value → WIRE_FORMAT_INVALID', 1],
      ['truncated → AVRO_DECLARED_SIZE_INVALID', 1],
    ]);
  });

  it('reports releases lost or twice at the filter, records without a release, required records missing and records twice', () => {
    const account = accountForChaos(
      expected,
      {
        released: [allDelivered.released[0], allDelivered.released[0], { bureau: 'baihang', sourceEventId: 'e3' }],
        outbound: [allDelivered.outbound[0], allDelivered.outbound[0], { bureau: 'pboc-crc', sourceEventId: 'e1', recordId: 'r9' }],
        deadLetters: hostileLetters,
      },
      isAccount,
    );
    expect(account).toMatchObject({ releasesLost: 2, releasesDuplicated: 1, unconsented: 2, lost: 1, duplicated: 1 });
    expect(account.breaches).toEqual([
      '2 expected releases missing from the consented topic: e1 for metro2, e2 for pboc-crc',
      '1 releases on the consented topic more than once: e1 for baihang ×2',
      '2 records for a bureau the event was not released to: released e3 to baihang, record r9 of e1 at pboc-crc',
      '1 releases the bureau must report with no outbound record: e1 for metro2',
      '1 outbound records duplicated: r1 ×2',
    ]);
  });

  it('reports hostile inputs missing, twice, in the wrong DLQ or with a reason not given to their kind, and valid events dead-lettered', () => {
    const deadLetters: DeadLetterSeen[] = [
      { topic: DLQ, key: 'h1', errorCode: 'PROCESSING_FAILED' },
      { topic: DLQ, key: 'h1', errorCode: 'WIRE_FORMAT_INVALID' },
      { topic: 'furnish.dlq.minimiser.v1', key: 'ACC1', errorCode: 'EVENT_INVALID' },
      { topic: DLQ, key: null, errorCode: 'WIRE_FORMAT_INVALID' },
    ];
    const account = accountForChaos(expected, { ...allDelivered, deadLetters }, isAccount);
    expect(account).toMatchObject({ hostileMissing: 1, hostileDuplicated: 1, hostileWrongReason: 1, validDeadLettered: 1 });
    expect(account.breaches).toEqual([
      '1 generated (valid) events dead-lettered: ACC1 (EVENT_INVALID)',
      '1 hostile inputs not dead-lettered: truncated h2',
      `1 hostile inputs dead-lettered with a reason the contract does not give them: null-value h1 in ${DLQ} with PROCESSING_FAILED`,
      '1 hostile inputs dead-lettered more than once: h1 ×2',
    ]);
  });
});
