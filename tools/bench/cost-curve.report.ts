import type { CostCurveReport, LedgerSizePoint, ReplicaPoint } from './bench-results';
import { coresFor, replicasFor, scalingEfficiency } from './cost-curve';
import { coresUsed, cpuPerRecord, fixed, int, mib, otherCores, pct } from './report-format';
import { sumOf } from './service-metrics';

/** The rate of the worked sizing example (loan events/s) and the CPU share a replica is sized to. */
const SIZING_EXAMPLE = { rate: 10_000, utilisation: 0.7, coresPerReplica: 1 } as const;

/** Every figure a point needs, NaN where the drain is missing. */
function figures(point: ReplicaPoint | LedgerSizePoint) {
  const d = point.drain;
  if (!d) return { records: Number.NaN, perSecond: Number.NaN, stageUs: Number.NaN, kafkaUs: Number.NaN, postgresUs: Number.NaN, cores: [Number.NaN, Number.NaN, Number.NaN, Number.NaN], other: Number.NaN, busy: Number.NaN, rss: undefined };
  return {
    records: d.records,
    perSecond: d.perSecond,
    stageUs: cpuPerRecord(d.cpu, 'stage', d.records),
    kafkaUs: cpuPerRecord(d.cpu, 'kafka', d.records),
    postgresUs: cpuPerRecord(d.cpu, 'postgres', d.records),
    cores: ['stage', 'kafka', 'postgres', 'bench'].map((n) => coresUsed(d.cpu, n)),
    other: otherCores(d.cpu),
    busy: d.cpu.machineBusy,
    rss: d.memory?.rss,
  };
}

/** The CPU columns both tables share: µs per record (stage / broker / PostgreSQL), cores, machine busy. */
const cpuCells = (f: ReturnType<typeof figures>) =>
  `${int(f.stageUs)} / ${int(f.kafkaUs)} / ${int(f.postgresUs)} | ${f.cores.map((c) => fixed(c, 2)).join(' / ')} / ${fixed(f.other, 2)} | ${pct(f.busy)}`;

/** Records the filter released (committed to the consented topic) in a drain; NaN without its metrics. */
const released = (point: LedgerSizePoint) => (point.drain?.metrics ? sumOf(point.drain.metrics, 'furnish_stage_records_produced_total', 'consented-loan-events') : Number.NaN);

const failed = (points: ReadonlyArray<ReplicaPoint | LedgerSizePoint>, name: (p: ReplicaPoint | LedgerSizePoint) => string) =>
  points.filter((p) => !p.drain).map((p) => `${name(p)}: ${p.error ?? 'not measured'}`);

/** docs/benchmarks.md's cost-curve section: both tables, what the machine did to them, and a sizing example from their figures. */
export function renderCostCurve(curve: CostCurveReport, cores: number): string[] {
  const lines: string[] = [];
  const single = curve.replicas.find((p) => p.replicas === 1)?.drain?.perSecond ?? Number.NaN;
  lines.push(
    '## Cost curve',
    '',
    `What a platform team sizes a deployment from: CPU per record, as the slowest stage is given more replicas and as the consent ledger grows. Same clock, gate and CPU accounting as the stage drains above; every drain starts fresh processes on a fresh consumer group.`,
    '',
    '### Replicas of the slowest stage',
    '',
    `The slowest stage of this run's drains is **${curve.stage}** (median drain rates: ${curve.stageRates.map((s) => `${s.stage} ${int(s.perSecond)}/s`).join(', ')}). Here it drains its input (${curve.input}; ${curve.stage === 'consent-filter' || curve.stage === 'consent-ledger' ? 'fresh records for every drain' : "the same copy as in its drains above"}) with 1 to ${curve.replicas.length} instances in one consumer group, which splits the input topics' partitions between them (6 per topic). *Scaling efficiency* = events/s at N replicas / (N × events/s at 1). CPU per record is the instances' CPU together; broker and PostgreSQL CPU are per input record as well.`,
    '',
    '| replicas | input records | events/s | scaling efficiency | CPU µs per record: stage (all instances) / broker / PostgreSQL | cores: stage / broker / PostgreSQL / bench / other | machine busy | max RSS of one instance |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const point of curve.replicas) {
    const f = figures(point);
    lines.push(
      `| ${point.replicas} | ${int(f.records)} | **${int(f.perSecond)}** | ${pct(scalingEfficiency(f.perSecond, point.replicas, single))} | ${cpuCells(f)} | ${mib(f.rss)} |`,
    );
  }
  lines.push('', ...flatteningNote(curve.replicas, cores));
  const replicaFailures = failed(curve.replicas, (p) => `${(p as ReplicaPoint).replicas} replica(s)`);
  if (replicaFailures.length > 0) lines.push('', `Not measured: ${replicaFailures.join('; ')}.`);

  lines.push(
    '',
    '### Consent ledger size',
    '',
    `The consent filter, one instance, draining fresh loan events while the ledger holds the number of borrowers given. The ledger holds the drain's own borrowers (their consents applied by the ledger drains above and copied with their ledger positions) and generated ones, one grant each, loaded in bulk (\`INSERT … SELECT generate_series\`; references shaped like the keyed ones) at positions before the consent topic's first offset, so the filter's change feed (which reads from the ledger group's committed offsets on) never meets them, as it never meets a real ledger's history; then \`ANALYZE\`. The filter starts with an empty cache, so each borrower's first lookup in a drain reads the table. These drains run on a further database (\`${curve.ledgerDatabase}\`, created, migrated and dropped by the bench), so that \`consent_event\` (append-only: a trigger refuses DELETE) holds exactly the rows loaded into it; its audit and claim tables start empty, while the bench's own database holds the audit of the drains above.`,
    '',
    '| borrowers in the ledger (drain\'s own) | consent rows | consent_event with indexes | loaded in | events/s | CPU µs per record: filter / broker / PostgreSQL | cores: filter / broker / PostgreSQL / bench / other | machine busy | records released |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const point of curve.ledger) {
    const f = figures(point);
    lines.push(
      `| ${int(point.borrowers)} (${int(point.ownBorrowers)}) | ${int(point.consentRows)} | ${mib(point.tableBytes)} | ${fixed(point.loadSeconds, 1)} s | **${int(f.perSecond)}** | ${cpuCells(f)} | ${int(released(point))} |`,
    );
  }
  const ledgerFailures = failed(curve.ledger, (p) => `${int((p as LedgerSizePoint).borrowers)} borrowers`);
  if (ledgerFailures.length > 0) lines.push('', `Not measured: ${ledgerFailures.join('; ')}.`);
  lines.push('', "*Records released* is what the filter committed to the consented topic: the drain's borrowers' grants were found, so every lookup did the work of a real one.", '', ...sizingExample(curve), '');
  return lines;
}

/** Says how busy the machine was at the most replicas, so the curve is not read as a cluster's. */
function flatteningNote(points: readonly ReplicaPoint[], cores: number): string[] {
  const most = [...points].reverse().find((p) => p.drain);
  if (!most?.drain) return [];
  const f = figures(most);
  return [
    `On this machine every replica shares ${cores} cores with the broker and PostgreSQL: at ${most.replicas} replicas the machine was ${pct(f.busy)} busy (${fixed(f.busy * cores, 2)} of ${cores} cores; the stage's instances ${fixed(f.cores[0], 2)}, broker ${fixed(f.cores[1], 2)}, PostgreSQL ${fixed(f.cores[2], 2)}). Once the cores are busy, another replica only shares them, so the curve flattens for want of CPU, not because the stage stops scaling: **this is not a cluster number.** What carries over to a cluster is the CPU per record; with a core per replica, throughput grows with replicas until the broker or PostgreSQL saturates (their cores per record are in the table).`,
  ];
}

/** A worked example computed from the curve's own figures (the sizing method of deploy/README.md). */
function sizingExample(curve: CostCurveReport): string[] {
  const one = curve.replicas.find((p) => p.replicas === 1);
  const largest = [...curve.ledger].reverse().find((p) => p.drain);
  if (!one?.drain || !largest?.drain) return ['No sizing example: a drain it needs is missing from this run.'];
  const { rate, utilisation, coresPerReplica } = SIZING_EXAMPLE;
  const stageUs = figures(one).stageUs;
  const l = figures(largest);
  const replicas = replicasFor(rate, stageUs, coresPerReplica, utilisation);
  const filterReplicas = replicasFor(rate, l.stageUs, coresPerReplica, utilisation);
  return [
    '### Sizing from these figures',
    '',
    `Replicas for R input records/s, each replica limited to ${coresPerReplica} core and sized to use ${pct(utilisation)} of it: ⌈R × CPU µs per record / (10⁶ × ${utilisation})⌉ (the filter's input records are loan events; the minimiser and the formatter get one record per bureau the event is released to and whose policy sends its kind, see deploy/README.md "Sizing"). For R = ${int(rate)} input records/s, from this run:`,
    '',
    `- ${curve.stage}, from the 1-replica row (${int(stageUs)} µs per record): ${fixed((rate * stageUs) / 1e6 / utilisation, 2)} → **${int(replicas)} replicas**.`,
    `- consent-filter with ${int(largest.borrowers)} borrowers in the ledger (${int(l.stageUs)} µs per record): ${fixed((rate * l.stageUs) / 1e6 / utilisation, 2)} → **${int(filterReplicas)} replicas**; its PostgreSQL costs ${int(l.postgresUs)} µs per record, **${fixed(coresFor(rate, l.postgresUs), 2)} cores** at that rate, and the broker ${int(l.kafkaUs)} µs, **${fixed(coresFor(rate, l.kafkaUs), 2)} cores** (for the filter's traffic alone).`,
  ];
}
