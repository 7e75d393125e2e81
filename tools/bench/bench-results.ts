import type { CpuUsage } from './cpu-accounting';
import type { ProfileSummary } from './cpu-profile.summary';
import type { DrainResult } from './drain.measure';
import type { MachineInfo } from './machine-info';
import type { BenchSettings } from './bench-settings';
import type { MemorySample } from './service-metrics';

export interface StageDrainReport {
  readonly stage: string;
  readonly input: string;
  /** The median of the stage's runs (by rate). */
  readonly stageRun: DrainResult;
  /** Every stage run's events/s. */
  readonly stageRuns: readonly number[];
  /** The median of the passthrough's runs. */
  readonly passthrough: DrainResult;
  /** Every passthrough run's events/s. */
  readonly passthroughRuns: readonly number[];
  /** Records the stage committed to its output topics, by topic. */
  readonly produced: ReadonlyMap<string, number>;
  readonly deadLetters: ReadonlyMap<string, number>;
  /** Mean time per chunk (process + commit), ms, from furnish_stage_batch_duration_seconds. */
  readonly meanChunkMs: number;
  readonly chunks: number;
  /** For the filter: time its chunks waited for the ledger watermark, s in total. */
  readonly ledgerWaitSeconds?: number;
  readonly profile?: ProfileSummary;
}

/**
 * Per stage, from its furnish_stage_end_to_end_latency_seconds histogram (buckets 5 ms … 60 s,
 * interpolated): origin → committed by that stage, ms.
 */
export type StageLatency = ReadonlyMap<string, { readonly p50: number; readonly p99: number; readonly count: number }>;

/** Per service: chunks committed in the run and their mean duration (process + commit). */
export type ChunkStats = ReadonlyMap<string, { readonly chunks: number; readonly meanMs: number }>;

export interface PipelineRunReport {
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly publishSeconds: number;
  readonly outbound: number;
  readonly expectedOutbound?: number;
  readonly deadLetters: ReadonlyMap<string, number>;
  readonly memory: ReadonlyMap<string, MemorySample>;
  readonly cpu: CpuUsage;
  readonly chunks: ChunkStats;
  readonly ledgerWaitSeconds: number;
  /** Per stage, from its furnish_stage_end_to_end_latency_seconds histogram (bucketed, interpolated): origin → committed by that stage, ms. */
  readonly stageLatency: StageLatency;
}

export interface LatencyRunReport {
  readonly rate: number;
  readonly achievedRate: number;
  readonly publishSeconds: number;
  /** From the end of publishing until the last stage had committed everything. */
  readonly tailSeconds: number;
  readonly events: number;
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly memory: ReadonlyMap<string, MemorySample>;
  readonly cpu: CpuUsage;
  readonly chunks: ChunkStats;
  readonly ledgerWaitSeconds: number;
  readonly stageLatency: StageLatency;
}

/** One point of the cost curve; `drain` is missing when that drain failed (`error` says why). */
export interface CostCurvePoint {
  readonly drain?: DrainResult;
  readonly error?: string;
}

export interface ReplicaPoint extends CostCurvePoint {
  readonly replicas: number;
}

export interface LedgerSizePoint extends CostCurvePoint {
  /** Distinct borrower references in the ledger table during the drain. */
  readonly borrowers: number;
  /** Of those, the drain's own borrowers (consents applied by the ledger drains, copied over). */
  readonly ownBorrowers: number;
  readonly consentRows: number;
  /** consent_event with its indexes (pg_total_relation_size). */
  readonly tableBytes: number;
  /** Seconds to load the borrowers added for this point. */
  readonly loadSeconds: number;
}

export interface CostCurveReport {
  /** The slowest stage of this run's drains, the one drained by 1, 2, … replicas. */
  readonly stage: string;
  readonly input: string;
  /** Every stage's median drain rate, which decided the slowest. */
  readonly stageRates: ReadonlyArray<{ readonly stage: string; readonly perSecond: number }>;
  readonly replicas: readonly ReplicaPoint[];
  /** The filter, one instance, at each ledger size. */
  readonly ledger: readonly LedgerSizePoint[];
  /** The scratch database the ledger-size drains ran on. */
  readonly ledgerDatabase: string;
}

export interface BenchReport {
  readonly startedAt: Date;
  readonly wallSeconds: number;
  readonly runId: string;
  readonly machine: MachineInfo;
  readonly settings: BenchSettings;
  readonly dataset: { readonly events: number; readonly borrowers: number; readonly consenting: number; readonly consents: number; readonly loanBytes: number };
  readonly stages: readonly StageDrainReport[];
  readonly passthroughProfile?: ProfileSummary;
  readonly pipeline?: PipelineRunReport;
  readonly latency: readonly LatencyRunReport[];
  /** Undefined when skipped (BENCH_COST_CURVE=0). */
  readonly costCurve?: CostCurveReport;
  /** RSS of each normal service as the bench found it (idle) and right after its restart. */
  readonly idleMemory: ReadonlyMap<string, MemorySample>;
  readonly freshMemory: ReadonlyMap<string, MemorySample>;
  readonly profilesDir?: string;
  readonly notes: readonly string[];
}
