import { TOPICS, type LoanEvent } from '@furnish/shared-contracts';
import type { CapturedRecord, PipelineClient } from '@furnish/tools-kafka';
import { aFreshBorrower, consentFor, loanEventFor, waitUntilInLedger } from './scenario';

export interface FlowAccount {
  readonly borrowerId: string;
  readonly accountId: string;
}

/**
 * Borrowers who consented to Baihang, and loan events for them published in waves, so a test can
 * break the world between waves and then account for every event: each account's events must come
 * out exactly once, in the order they went in.
 */
export class SteadyFlow {
  readonly events: LoanEvent[] = [];

  private constructor(
    private readonly kafka: PipelineClient,
    readonly accounts: readonly FlowAccount[],
  ) {}

  static async start(kafka: PipelineClient, accountCount: number): Promise<SteadyFlow> {
    const accounts = Array.from({ length: accountCount }, () => aFreshBorrower());
    const consents = accounts.map((a) => consentFor(a.borrowerId, { bureaus: ['BAIHANG'], effectiveAt: new Date('2024-01-01T00:00:00Z') }));
    for (const [i, consent] of consents.entries()) await kafka.publish(TOPICS.consentEvents, accounts[i].borrowerId, consent);
    for (const consent of consents) await waitUntilInLedger(consent.consentId);
    return new SteadyFlow(kafka, accounts);
  }

  /**
   * Publishes `count` events round-robin over the accounts (one produce request per event). They
   * are credit-limit changes of a revolving line: each makes exactly one record at Baihang (X2).
   */
  async wave(count: number): Promise<void> {
    const batch = Array.from({ length: count }, (_, i) => {
      const account = this.accounts[(this.events.length + i) % this.accounts.length];
      return { key: account.accountId, value: loanEventFor(account, { eventType: 'CREDIT_LIMIT_CHANGED', transaction: null, occurredAt: new Date('2024-06-03T11:42:17Z') }) };
    });
    this.events.push(...batch.map((b) => b.value));
    await this.kafka.publishMany(TOPICS.loanEvents, batch, { batchSize: 1 });
  }

  isMine = (record: CapturedRecord): boolean => this.accounts.some((a) => a.accountId === record.sourceKey);

  /**
   * Checks what a stage delivered for the flow: every event came out (none lost), no record twice
   * (by `recordIdOf`: the event id where a stage makes one record per event), and per account in
   * publishing order. Returns a description of every breach.
   */
  breaches(delivered: readonly CapturedRecord[], eventIdOf: (record: CapturedRecord) => string, recordIdOf = eventIdOf): string[] {
    const problems: string[] = [];
    const counts = new Map<string, number>();
    for (const record of delivered) counts.set(eventIdOf(record), 0);
    for (const record of delivered) counts.set(recordIdOf(record), (counts.get(recordIdOf(record)) ?? 0) + 1);
    const lost = this.events.filter((e) => !counts.has(e.eventId));
    const duplicated = [...counts].filter(([, n]) => n > 1);
    const foreign = [...new Set(delivered.map(eventIdOf))].filter((id) => !this.events.some((e) => e.eventId === id));
    if (lost.length > 0) problems.push(`${lost.length} lost`);
    if (duplicated.length > 0) problems.push(`${duplicated.length} duplicated`);
    if (foreign.length > 0) problems.push(`${foreign.length} not published by this flow`);
    for (const account of this.accounts) {
      const sent = this.events.filter((e) => e.account.accountId === account.accountId).map((e) => e.eventId);
      const received = [...new Set(delivered.filter((r) => r.sourceKey === account.accountId).map(eventIdOf))];
      if (received.join() !== sent.filter((id) => received.includes(id)).join()) problems.push(`account ${account.accountId} out of order`);
    }
    return problems;
  }
}
