import type { DataSource } from 'typeorm';

export type DeadLetterAccessAction = 'SHOWN' | 'REDRIVE_STARTED' | 'REDRIVEN' | 'REDRIVE_FAILED';

/** Which dead letter: its DLQ position, and what its headers say about it. No payload. */
export interface DeadLetterRef {
  readonly dlqTopic: string;
  readonly dlqPartition: number;
  readonly dlqOffset: string;
  readonly stage: string;
  readonly errorCode: string;
  readonly sourceTopic: string;
  readonly sourcePartition: number;
  readonly sourceOffset: string;
  readonly keyId: string | null;
}

export interface DeadLetterAccess {
  readonly action: DeadLetterAccessAction;
  readonly operator: string;
  readonly letter: DeadLetterRef;
  readonly eventId?: string | null;
  readonly redriveId?: string;
  readonly target?: { readonly topic: string; readonly partition?: number; readonly offset?: string };
  readonly keyReplaced?: boolean;
  /** Why a re-drive failed: an error code or class, never data. */
  readonly detail?: string;
}

export interface DeadLetterAccessRow extends DeadLetterAccess {
  readonly at: Date;
}

interface Row {
  action: DeadLetterAccessAction;
  operator: string;
  at: Date;
  dlq_topic: string;
  dlq_partition: number;
  dlq_offset: string;
  stage: string;
  error_code: string;
  source_topic: string;
  source_partition: number;
  source_offset: string;
  key_id: string | null;
  event_id: string | null;
  redrive_id: string | null;
  target_topic: string | null;
  target_partition: number | null;
  target_offset: string | null;
  key_replaced: boolean;
  detail: string | null;
}

/** The dead-letter access audit (migration DeadLetterAccessAudit1765310000000): append and read, never change. */
export class DeadLetterAccessRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(access: DeadLetterAccess): Promise<void> {
    const { letter, target } = access;
    await this.dataSource.query(
      `INSERT INTO dead_letter_access (action, operator, dlq_topic, dlq_partition, dlq_offset, stage, error_code, source_topic, source_partition, source_offset,
                                       key_id, event_id, redrive_id, target_topic, target_partition, target_offset, key_replaced, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
      [
        access.action,
        access.operator,
        letter.dlqTopic,
        letter.dlqPartition,
        letter.dlqOffset,
        letter.stage,
        letter.errorCode,
        letter.sourceTopic,
        letter.sourcePartition,
        letter.sourceOffset,
        letter.keyId,
        access.eventId ?? null,
        access.redriveId ?? null,
        target?.topic ?? null,
        target?.partition ?? null,
        target?.offset ?? null,
        access.keyReplaced ?? false,
        access.detail ?? null,
      ],
    );
  }

  /** Every access to one dead letter, oldest first. */
  async forDeadLetter(dlqTopic: string, dlqPartition: number, dlqOffset: string): Promise<DeadLetterAccessRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM dead_letter_access WHERE dlq_topic = $1 AND dlq_partition = $2 AND dlq_offset = $3 ORDER BY id`, [
      dlqTopic,
      dlqPartition,
      dlqOffset,
    ]);
    return rows.map(toAccess);
  }

  /** The re-drives of dead letters whose original carried this event id, oldest first. */
  async redrivesOfEvent(eventId: string): Promise<DeadLetterAccessRow[]> {
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM dead_letter_access WHERE event_id = $1 AND action <> 'SHOWN' ORDER BY id`, [eventId]);
    return rows.map(toAccess);
  }
}

function toAccess(row: Row): DeadLetterAccessRow {
  return {
    action: row.action,
    operator: row.operator,
    at: row.at,
    letter: {
      dlqTopic: row.dlq_topic,
      dlqPartition: row.dlq_partition,
      dlqOffset: String(row.dlq_offset),
      stage: row.stage,
      errorCode: row.error_code,
      sourceTopic: row.source_topic,
      sourcePartition: row.source_partition,
      sourceOffset: String(row.source_offset),
      keyId: row.key_id,
    },
    eventId: row.event_id,
    redriveId: row.redrive_id ?? undefined,
    target: row.target_topic === null ? undefined : { topic: row.target_topic, partition: row.target_partition ?? undefined, offset: row.target_offset === null ? undefined : String(row.target_offset) },
    keyReplaced: row.key_replaced,
    detail: row.detail ?? undefined,
  };
}
