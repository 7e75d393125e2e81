import type { Bureau } from '@furnish/shared-contracts';

/** What one outbound record says about itself. */
export interface OutboundSeen {
  readonly bureau: Bureau;
  readonly sourceEventId: string;
  readonly recordId: string;
}

/** A dead letter, identified by its key and the reason the stage gave. */
export interface DeadLetterSeen {
  readonly topic: string;
  readonly key: string | null;
  readonly errorCode: string | undefined;
}

/** A hostile input the run published, where it must end and with which reasons. */
export interface HostileExpectation {
  readonly key: string;
  readonly kind: string;
  readonly deadLetterTopic: string;
  readonly allowedCodes: readonly string[];
}

export interface ChaosExpectations {
  /** For each generated loan event, the bureaus the generator expects it released to (by construction). */
  readonly releasedTo: ReadonlyMap<string, ReadonlySet<Bureau>>;
  readonly hostile: readonly HostileExpectation[];
}

export interface ChaosAccount {
  readonly expectedReleases: number;
  readonly delivered: number;
  readonly lost: number;
  readonly duplicated: number;
  readonly unconsented: number;
  readonly validDeadLettered: number;
  readonly hostile: number;
  readonly hostileDeadLettered: number;
  readonly hostileMissing: number;
  readonly hostileWrongReason: number;
  readonly hostileDuplicated: number;
  readonly hostileByKindAndCode: ReadonlyMap<string, number>;
  /** One line per breach kind with a few examples; empty when every guarantee held. */
  readonly breaches: readonly string[];
}

const EXAMPLES = 3;

/**
 * Accounts for every (generated event, bureau) and every hostile input: each expected release
 * present (at least one record) and no record id twice; nothing for a bureau the event was not
 * released to; no generated event dead-lettered; each hostile input dead-lettered exactly once, in
 * its stage's DLQ, with one of the reasons the event contract names for it.
 */
export function accountForChaos(expected: ChaosExpectations, outbound: readonly OutboundSeen[], deadLetters: readonly DeadLetterSeen[], accountOf: (eventKey: string) => boolean): ChaosAccount {
  const breaches: string[] = [];
  const report = (what: string, items: readonly string[]) => {
    if (items.length > 0) breaches.push(`${items.length} ${what}: ${items.slice(0, EXAMPLES).join(', ')}${items.length > EXAMPLES ? ', …' : ''}`);
  };

  const recordsById = new Map<string, number>();
  const deliveredPairs = new Set<string>();
  const unconsented: string[] = [];
  for (const record of outbound) {
    const releasedTo = expected.releasedTo.get(record.sourceEventId);
    if (!releasedTo) continue; // not this run's
    recordsById.set(record.recordId, (recordsById.get(record.recordId) ?? 0) + 1);
    deliveredPairs.add(`${record.sourceEventId}/${record.bureau}`);
    if (!releasedTo.has(record.bureau)) unconsented.push(`${record.sourceEventId} at ${record.bureau}`);
  }
  const lost: string[] = [];
  let expectedReleases = 0;
  for (const [eventId, bureaus] of expected.releasedTo) {
    for (const bureau of bureaus) {
      expectedReleases++;
      if (!deliveredPairs.has(`${eventId}/${bureau}`)) lost.push(`${eventId} for ${bureau}`);
    }
  }
  const duplicated = [...recordsById].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);

  const hostileByKey = new Map(expected.hostile.map((h) => [h.key, h]));
  const hostileSeen = new Map<string, number>();
  const wrongReason: string[] = [];
  const validDeadLettered: string[] = [];
  const byKindAndCode = new Map<string, number>();
  for (const letter of deadLetters) {
    const hostile = letter.key === null ? undefined : hostileByKey.get(letter.key);
    if (!hostile) {
      if (letter.key !== null && accountOf(letter.key)) validDeadLettered.push(`${letter.key} (${letter.errorCode})`);
      continue;
    }
    hostileSeen.set(hostile.key, (hostileSeen.get(hostile.key) ?? 0) + 1);
    const kindAndCode = `${hostile.kind} → ${letter.errorCode ?? 'no code'}`;
    byKindAndCode.set(kindAndCode, (byKindAndCode.get(kindAndCode) ?? 0) + 1);
    if (letter.topic !== hostile.deadLetterTopic || !hostile.allowedCodes.includes(letter.errorCode ?? '')) {
      wrongReason.push(`${hostile.kind} ${hostile.key} in ${letter.topic} with ${letter.errorCode}`);
    }
  }
  const hostileMissing = expected.hostile.filter((h) => !hostileSeen.has(h.key)).map((h) => `${h.kind} ${h.key}`);
  const hostileDuplicated = [...hostileSeen].filter(([, n]) => n > 1).map(([key, n]) => `${key} ×${n}`);

  report('expected releases lost', lost);
  report('outbound records duplicated', duplicated);
  report('records at a bureau the event was not released to', unconsented);
  report('generated (valid) events dead-lettered', validDeadLettered);
  report('hostile inputs not dead-lettered', hostileMissing);
  report('hostile inputs dead-lettered with a reason the contract does not give them', wrongReason);
  report('hostile inputs dead-lettered more than once', hostileDuplicated);

  return {
    expectedReleases,
    delivered: deliveredPairs.size,
    lost: lost.length,
    duplicated: duplicated.length,
    unconsented: unconsented.length,
    validDeadLettered: validDeadLettered.length,
    hostile: expected.hostile.length,
    hostileDeadLettered: hostileSeen.size,
    hostileMissing: hostileMissing.length,
    hostileWrongReason: wrongReason.length,
    hostileDuplicated: hostileDuplicated.length,
    hostileByKindAndCode: byKindAndCode,
    breaches,
  };
}
