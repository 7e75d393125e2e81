/** Every metric Furnish exports, declared once (Prometheus conventions: base units, _total counters). */
export const METRICS = {
  consumed: 'furnish_stage_records_consumed_total',
  produced: 'furnish_stage_records_produced_total',
  deadLetters: 'furnish_stage_dead_letters_total',
  batchDuration: 'furnish_stage_batch_duration_seconds',
  transactions: 'furnish_stage_transactions_total',
  retries: 'furnish_stage_retries_total',
  waitingPartitions: 'furnish_stage_waiting_partitions',
  endToEndLatency: 'furnish_stage_end_to_end_latency_seconds',
  consumerLag: 'furnish_stage_consumer_lag',
  haltedPartitions: 'furnish_stage_halted_partitions',
  fences: 'furnish_stage_fences_total',
  timeLag: 'furnish_stage_time_lag_seconds',
  outboundRecords: 'furnish_outbound_records_total',
  outboundLatency: 'furnish_outbound_end_to_end_latency_seconds',
} as const;
