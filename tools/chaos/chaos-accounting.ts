import type { Bureau, LoanEventType } from '@furnish/shared-contracts';

/**
 * Events every bureau reports whenever it was released them, from the bureaus' report times:
 * PBOC 210 RptDateCode 10 new account, 20 closed, 30/32 monthly settlement (bureau-formats.md
 * §2.6); Metro 2 reports an account when it opens, every month and when it closes; Baihang files
 * an account when it opens (D2 / X2) and when it closes. Other events (a repayment, a drawdown, a
 * limit change) make a record or not by rules this accounting does not repeat.
 */
export const REPORTED_AT_EVERY: Readonly<Record<Bureau, readonly LoanEventType[]>> = {
  'pboc-crc': ['ACCOUNT_OPENED', 'ACCOUNT_CLOSED', 'STATEMENT_CLOSED'],
  metro2: ['ACCOUNT_OPENED', 'ACCOUNT_CLOSED', 'STATEMENT_CLOSED'],
  baihang: ['ACCOUNT_OPENED', 'ACCOUNT_CLOSED'],
};

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
  /**
   * Of those, the bureaus that report every event of its type (an account opened or closed, a
   * monthly statement: REPORTED_AT_EVERY below), so a record must reach their outbound topic.
   * Other released events make a record or not by the bureau's own rules.
   */
  readonly mustReport: ReadonlyMap<string, ReadonlySet<Bureau>>;
  readonly hostile: readonly HostileExpectation[];
}

/** What the pipeline delivered, read from its topics. */
export interface ChaosDeliveries {
  /** The filter's releases on the consented topic, one per (event, bureau). */
  readonly released: readonly { readonly bureau: Bureau; readonly sourceEventId: string }[];
  readonly outbound: readonly OutboundSeen[];
  readonly deadLetters: readonly DeadLetterSeen[];
}

export interface ChaosAccount {
  readonly expectedReleases: number;
  readonly released: number;
  readonly releasesLost: number;
  readonly releasesDuplicated: number;
  readonly mustReport: number;
  readonly reported: number;
  readonly outboundRecords: number;
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
 * Accounts for every (generated event, bureau) and every hostile input. At the filter: each
 * expected release on the consented topic exactly once, none other. At the outbound topics: no
 * record id twice, nothing for a bureau the event was not released to, a record for every release
 * the bureau must report. No generated event dead-lettered; each hostile input dead-lettered exactly
 * once, in its stage's DLQ, with one of the reasons the event contract names for it.
 */
export function accountForChaos(expected: ChaosExpectations, delivered: ChaosDeliveries, accountOf: (eventKey: string) => boolean): ChaosAccount {
  const breaches: string[] = [];
  const report = (what: string, items: readonly string[]) => {
    if (items.length > 0) breaches.push(`${items.length} ${what}: ${items.slice(0, EXAMPLES).join(', ')}${items.length > EXAMPLES ? ', …' : ''}`);
  };
  const pairsOf = (map: ReadonlyMap<string, ReadonlySet<Bureau>>) => [...map].flatMap(([eventId, bureaus]) => [...bureaus].map((bureau) => `${eventId} for ${bureau}`));
  const ours = (eventId: string) => expected.releasedTo.has(eventId);
  const wasReleased = (eventId: string, bureau: Bureau) => expected.releasedTo.get(eventId)?.has(bureau) ?? false;

  const releaseCounts = countBy(delivered.released.filter((r) => ours(r.sourceEventId)).map((r) => `${r.sourceEventId} for ${r.bureau}`));
  const expectedReleases = pairsOf(expected.releasedTo);
  const releasesLost = expectedReleases.filter((pair) => !releaseCounts.has(pair));
  const releasesDuplicated = [...releaseCounts].filter(([, n]) => n > 1).map(([pair, n]) => `${pair} ×${n}`);
  const unconsented = delivered.released.filter((r) => ours(r.sourceEventId) && !wasReleased(r.sourceEventId, r.bureau)).map((r) => `released ${r.sourceEventId} to ${r.bureau}`);

  const outbound = delivered.outbound.filter((r) => ours(r.sourceEventId));
  const duplicated = [...countBy(outbound.map((r) => r.recordId))].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  unconsented.push(...outbound.filter((r) => !wasReleased(r.sourceEventId, r.bureau)).map((r) => `record ${r.recordId} of ${r.sourceEventId} at ${r.bureau}`));
  const reportedPairs = new Set(outbound.map((r) => `${r.sourceEventId} for ${r.bureau}`));
  const mustReport = pairsOf(expected.mustReport);
  const lost = mustReport.filter((pair) => !reportedPairs.has(pair));

  const hostileByKey = new Map(expected.hostile.map((h) => [h.key, h]));
  const hostileSeen = new Map<string, number>();
  const wrongReason: string[] = [];
  const validDeadLettered: string[] = [];
  const byKindAndCode = new Map<string, number>();
  for (const letter of delivered.deadLetters) {
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

  report('expected releases missing from the consented topic', releasesLost);
  report('releases on the consented topic more than once', releasesDuplicated);
  report('records for a bureau the event was not released to', unconsented);
  report('releases the bureau must report with no outbound record', lost);
  report('outbound records duplicated', duplicated);
  report('generated (valid) events dead-lettered', validDeadLettered);
  report('hostile inputs not dead-lettered', hostileMissing);
  report('hostile inputs dead-lettered with a reason the contract does not give them', wrongReason);
  report('hostile inputs dead-lettered more than once', hostileDuplicated);

  return {
    expectedReleases: expectedReleases.length,
    released: releaseCounts.size,
    releasesLost: releasesLost.length,
    releasesDuplicated: releasesDuplicated.length,
    mustReport: mustReport.length,
    reported: mustReport.length - lost.length,
    outboundRecords: outbound.length,
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

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}
