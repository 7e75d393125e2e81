import path from 'node:path';
import { WORKSPACE_ROOT } from '../stack/stack-paths';
import { serviceHeapFlag } from '../stack/node-service';
import type { ProfileSummary } from './cpu-profile.summary';
import type { BenchReport, LatencyRunReport, PipelineRunReport, StageDrainReport } from './bench-results';
import type { MemorySample } from './service-metrics';
import { coresUsed, cpuPerRecord, fixed, int, mib, ms, otherCores, pct } from './report-format';
import { renderCostCurve } from './cost-curve.report';

/** PRODUCT.md, "Performance". */
export const TARGETS = {
  stageRatio: 0.7,
  pipelinePerSecond: 5_000,
  latencyRate: 1_000,
  p99Ms: 1_000,
  rssBytes: 256 * 2 ** 20,
} as const;

const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? '**pass**' : '**FAIL**');
const mapList = (m: ReadonlyMap<string, number>) => ([...m].filter(([, n]) => n > 0).map(([k, n]) => `${k} ${int(n)}`).join(', ') || 'none');

export function renderBenchmarks(report: BenchReport): string {
  const { machine, settings, stages, pipeline, latency } = report;
  const at1000 = latency.find((l) => l.rate === TARGETS.latencyRate);
  const worstRatio = stages.reduce<StageDrainReport | undefined>((worst, s) => (!worst || ratio(s) < ratio(worst) ? s : worst), undefined);
  const rssRun = at1000?.memory ?? pipeline?.memory;
  const worstRss = rssRun ? [...rssRun].sort((a, b) => b[1].rss - a[1].rss)[0] : undefined;
  const lines: string[] = [];
  const push = (...more: string[]) => lines.push(...more);

  push(
    '# Benchmarks',
    '',
    `Written by \`npm run bench\` (tools/bench/pipeline.bench.ts) on ${report.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, run ${report.runId}, in ${fixed(report.wallSeconds / 60)} min. Every number below comes from that one run; re-run the bench to refresh this file. Targets are PRODUCT.md's ("Performance").`,
    '',
    '## Against the targets',
    '',
    '| target | measured | result |',
    '|---|---|---|',
    `| every stage ≥ ${pct(TARGETS.stageRatio)} of a raw kafkajs passthrough (same input, batching and transactions) | lowest: ${worstRatio ? `${worstRatio.stage} ${pct(ratio(worstRatio))}` : '–'} (${stages.map((s) => `${s.stage} ${pct(ratio(s))}`).join(', ')}) | ${verdict(stages.length ? stages.every((s) => ratio(s) >= TARGETS.stageRatio) : undefined)} |`,
    `| whole pipeline ≥ ${int(TARGETS.pipelinePerSecond)} events/s | ${pipeline ? `${int(pipeline.perSecond)} events/s` : '–'} | ${verdict(pipeline ? pipeline.perSecond >= TARGETS.pipelinePerSecond : undefined)} |`,
    `| end-to-end p99 < ${ms(TARGETS.p99Ms)} at ${int(TARGETS.latencyRate)} events/s | ${at1000 ? `p99 ${ms(at1000.p99)} (p50 ${ms(at1000.p50)}, p95 ${ms(at1000.p95)})` : '–'} | ${verdict(at1000 ? at1000.p99 < TARGETS.p99Ms : undefined)} |`,
    `| each service < ${mib(TARGETS.rssBytes)} RSS at that load | highest: ${worstRss ? `${worstRss[0]} ${mib(worstRss[1].rss)}` : '–'} | ${verdict(rssRun && rssRun.size ? [...rssRun.values()].every((m) => m.rss < TARGETS.rssBytes) : undefined)} |`,
    '',
  );

  push(
    '## Machine, versions, settings',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${machine.cpu}, ${machine.cores} cores; ${machine.memoryGiB} GiB RAM |`,
    `| OS | ${machine.os} |`,
    `| Node.js | ${machine.node}; services run compiled to JavaScript (dist/services) with \`${serviceHeapFlag()}\`, as \`npm run stack:up\` starts them; the passthrough runs from TypeScript with the same heap cap |`,
    `| Kafka | ${machine.kafka} |`,
    `| Schema registry | ${machine.registry} |`,
    `| PostgreSQL | ${machine.postgres} |`,
    `| Libraries | ${machine.libraries} |`,
    `| Stage runtime | STAGE_CHUNK_SIZE ${settings.chunkSize}, STAGE_PARTITIONS_CONCURRENCY ${settings.partitionsConcurrency}, STAGE_FETCH_MIN_BYTES ${settings.fetchMinBytes}, STAGE_FETCH_MAX_WAIT_MS ${settings.fetchMaxWaitMs}; one transactional producer per input partition |`,
    '| Partitions | lending.loan-events.v1 6, lending.consent-events.v1 6, furnish.consented-loan-events.v1 6, furnish.minimised.&lt;bureau&gt;.v1 3 × 6, furnish.outbound.&lt;bureau&gt;.v1 3 × 3; passthrough output furnish.bench.passthrough.v1 6 |',
    `| Data | ${int(report.dataset.events)} loan events per drain (mean ${int(report.dataset.loanBytes)} bytes Avro), ${int(report.dataset.borrowers)} borrowers, ${pct(report.dataset.consenting / Math.max(1, report.dataset.borrowers))} with a grant (PBOC CRC + Baihang; Metro 2 for US borrowers); May 2024 of revolving lines (3 purchases, a repayment, the statement), instalment loans (repayment, statement), new lines (opening, purchase, statement) and US lines; seed ${settings.seed}; ${int(report.dataset.consents)} consent events for all phases |`,
    `| Sizes | BENCH_EVENTS ${settings.events}, BENCH_WARMUP_EVENTS ${settings.warmUpEvents}, BENCH_RUNS ${settings.runs}, BENCH_RATES ${settings.rates.join(',')}, BENCH_LATENCY_SECONDS ${settings.latencySeconds}, BENCH_PROFILE ${settings.profile ? 1 : 0}${settings.nodeOptions ? `, BENCH_NODE_OPTIONS \`${settings.nodeOptions}\`` : ''}, ${settings.costCurve.enabled ? `BENCH_COST_CURVE 1, BENCH_COST_CURVE_EVENTS ${settings.costCurve.events}, BENCH_COST_CURVE_REPLICAS ${settings.costCurve.maxReplicas}, BENCH_COST_CURVE_BORROWERS ${settings.costCurve.borrowers.join(',')}` : 'BENCH_COST_CURVE 0'} |`,
    '',
  );

  push(
    '## Each stage draining a pre-filled topic',
    '',
    `Everything runs on the bench's own topics and consumer groups (\`FURNISH_TOPIC_PREFIX\`, \`bench.\` by default), so the stack's services keep running beside it, and on a database of its own (\`<database>_bench\`, created afresh for the run; the consent tables are analysed after each phase that fills them, as autovacuum would). Each stage runs alone as a fresh process with a fresh consumer group whose offsets are set to where the pre-fill starts. The pre-fill is written in one Kafka transaction that stays open until the stage has joined its group and sits idle (read_committed consumers see nothing of it); the clock starts when that transaction commits and stops when the group's committed offsets reach the end (polled every 25 ms). The filter's input is the bench's loan events; the minimiser's and the formatter's are byte-for-byte copies of what the stage before them committed in this run; the ledger's are the consent events of every phase. The passthrough (tools/bench/passthrough.runner.ts: the stage runtime's consumer, chunking and per-partition transactions, copying raw bytes, no decoding) drains its own gated copy of the same input. Stage and passthrough drains alternate, ${settings.runs} of each (the filter and the ledger get fresh events each time, the minimiser and formatter the same copy); the table gives the median by rate and every run's rate, and the other columns are those of the median run. *Steady* is the rate between 10% and 90% committed. CPU is user + system time of the process over the drain, per input record.`,
    '',
    '| stage | input records | stage events/s (median; runs) | passthrough events/s (median; runs) | ratio | steady events/s (stage / passthrough = ratio) | CPU µs per record (stage / passthrough) | cores: stage / broker / PostgreSQL / bench / other | machine busy | max RSS | mean chunk | outputs | dead letters |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  );
  for (const s of stages) {
    const st = s.stageRun;
    const pt = s.passthrough;
    push(
      `| ${s.stage} | ${int(st.records)} ${s.input} | **${int(st.perSecond)}** (${s.stageRuns.map(int).join(', ')}) | ${int(pt.perSecond)} (${s.passthroughRuns.map(int).join(', ')}) | ${pct(ratio(s))} | ${int(st.steadyPerSecond)} / ${int(pt.steadyPerSecond)} = ${pct(st.steadyPerSecond / pt.steadyPerSecond)} | ${int(cpuPerRecord(st.cpu, 'stage', st.records))} / ${int(cpuPerRecord(pt.cpu, 'stage', pt.records))} | ${['stage', 'kafka', 'postgres', 'bench'].map((n) => fixed(coresUsed(st.cpu, n), 2)).join(' / ')} / ${fixed(otherCores(st.cpu), 2)} | ${pct(st.cpu.machineBusy)} | ${mib(st.memory?.rss)} | ${fixed(s.meanChunkMs, 0)} ms × ${int(s.chunks)} | ${mapList(s.produced)} | ${mapList(s.deadLetters)} |`,
    );
  }
  const filter = stages.find((s) => s.stage === 'consent-filter');
  if (filter?.ledgerWaitSeconds !== undefined) push('', `The filter's chunks waited ${fixed(filter.ledgerWaitSeconds, 2)} s in total for the ledger watermark during its drain (the ledger had applied every consent beforehand).`);
  push('');

  if (pipeline) {
    push(
      '## Whole pipeline, sustained',
      '',
      `One fresh bench instance of each of the four services on the stages' (prefixed) groups, warmed with ${int(settings.warmUpEvents)} events first. ${int(pipeline.events)} loan events, whose borrowers' consents the ledger already holds, published as fast as the broker takes them (${fixed(pipeline.publishSeconds, 1)} s); the clock runs from the first send until the formatter's group has committed everything the minimiser produced from them, checked stage by stage through the groups' committed offsets.`,
      '',
      '| events | seconds | events/s | outbound records (expected from the drains) | dead letters |',
      '|---|---|---|---|---|',
      `| ${int(pipeline.events)} | ${fixed(pipeline.seconds, 2)} | **${int(pipeline.perSecond)}** | ${int(pipeline.outbound)} (${pipeline.expectedOutbound === undefined ? '–' : int(pipeline.expectedOutbound)}) | ${mapList(pipeline.deadLetters)} |`,
      '',
    );
  }

  if (latency.length > 0) {
    push(
      '## End-to-end latency at fixed rates',
      '',
      `Loan events published at a fixed rate for ${settings.latencySeconds} s each (accounts' events interleaved, so statements and openings are spread over the run), all four bench instances running. A read_committed consumer of the outbound topics takes, for each record it receives, its receive time minus \`x-furnish-origin-time\` (the input event's broker append time, carried by every stage): publish → committed on the outbound topic → fetched, one clock. Only events a bureau reports (openings, statements, instalment repayments) yield outbound records, so samples are fewer than events. *Tail* is how long the pipeline took to finish after publishing stopped: near zero means it kept up.`,
      '',
      '| rate (events/s) | achieved | events | outbound samples | p50 | p95 | p99 | max | tail |',
      '|---|---|---|---|---|---|---|---|---|',
    );
    for (const l of latency) {
      push(`| ${int(l.rate)} | ${int(l.achievedRate)} | ${int(l.events)} | ${int(l.samples)} | ${ms(l.p50)} | ${ms(l.p95)} | ${ms(l.p99)} | ${ms(l.max)} | ${fixed(l.tailSeconds, 1)} s |`);
    }
    push('');
  }

  const runs: Array<[string, PipelineRunReport | LatencyRunReport]> = [
    ...(pipeline ? [['sustained', pipeline] as [string, PipelineRunReport]] : []),
    ...latency.map((l) => [`${int(l.rate)}/s`, l] as [string, LatencyRunReport]),
  ];
  if (runs.length > 0) {
    const chainServices = ['consent-filter', 'minimiser', 'bureau-formatter'];
    push(
      '### CPU and chunks in the pipeline runs',
      '',
      'Cores used = CPU seconds / wall seconds of each process group over the run (the bench process itself publishes, reads the outbound topics and polls offsets; *other* is what the machine was busy with beyond all of these: the registry, other users of the machine). A chunk is one transaction of one input partition; its duration covers processing and the commit. The last column comes from each stage\'s own latency histogram (buckets 5, 10, 25, 50, 100, 250, 500, 1,000, 2,500 ms …, interpolated), so it shows where the end-to-end latency accumulates.',
      '',
      '| run | machine busy | filter | minimiser | formatter | ledger | broker | PostgreSQL | bench | other | chunks filter / minimiser / formatter | mean chunk ms filter / minimiser / formatter | filter waiting for the ledger | p50 / p99 committed by filter, minimiser, formatter (their histograms) |',
      '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const [name, run] of runs) {
      const cores = ['consent-filter', 'minimiser', 'bureau-formatter', 'consent-ledger', 'kafka', 'postgres', 'bench'].map((n) => fixed(coresUsed(run.cpu, n), 2));
      push(
        `| ${name} | ${pct(run.cpu.machineBusy)} | ${cores.join(' | ')} | ${fixed(otherCores(run.cpu), 2)} | ${chainServices.map((s) => int(run.chunks.get(s)?.chunks ?? Number.NaN)).join(' / ')} | ${chainServices.map((s) => int(run.chunks.get(s)?.meanMs ?? Number.NaN)).join(' / ')} | ${fixed(run.ledgerWaitSeconds, 2)} s | ${chainServices.map((s) => { const l = run.stageLatency.get(s); return l ? `${int(l.p50)} / ${int(l.p99)}` : '–'; }).join(', ')} ms |`,
      );
    }
    push('');
  }

  if (report.costCurve) push(...renderCostCurve(report.costCurve, machine.cores));
  else push('## Cost curve', '', 'Not measured in this run (BENCH_COST_CURVE=0).', '');

  push(
    '## Memory (RSS) per service',
    '',
    "| service | the stack's service, idle, as found | bench instance just started | max in the sustained run | max at 1,000 events/s | max over all runs: JS heap used / heap reserved / external |",
    '|---|---|---|---|---|---|',
  );
  for (const service of ['consent-ledger', 'consent-filter', 'minimiser', 'bureau-formatter']) {
    const all = [pipeline?.memory, ...latency.map((l) => l.memory)].map((m) => m?.get(service));
    const most = (pick: (m: MemorySample) => number | undefined) => Math.max(0, ...all.map((m) => (m ? (pick(m) ?? 0) : 0)));
    push(
      `| ${service} | ${mib(report.idleMemory.get(service)?.rss)} | ${mib(report.freshMemory.get(service)?.rss)} | ${mib(pipeline?.memory.get(service)?.rss)} | ${mib(at1000?.memory.get(service)?.rss)} | ${mib(most((m) => m.heapUsed))} / ${mib(most((m) => m.heapTotal))} / ${mib(most((m) => m.external))} |`,
    );
  }
  push('', 'RSS is `process_resident_memory_bytes` from each service\'s /metrics, sampled every 500 ms; 256 MB is read as 256 MiB.', '');

  push('## Where the time goes', '');
  const profiled = stages.filter((s) => s.profile);
  if (profiled.length === 0 && !report.passthroughProfile) {
    push('No CPU profiles in this run (BENCH_PROFILE=0).', '');
  } else {
    push(
      `CPU profiles of separate, profiled drains of each stage (same sizes as above; V8 sampling profiler at 1 ms, started when the gate opened and stopped when the drain ended, through tools/bench/cpu-profiler.preload.js). Shares are of all samples in the window, idle included.${report.profilesDir ? ` The .cpuprofile files (open in Chrome DevTools → Performance) are in \`${path.relative(WORKSPACE_ROOT, report.profilesDir)}\`.` : ''}`,
      '',
    );
    for (const s of profiled) push(...profileSection(s.stage, s.profile!));
    if (report.passthroughProfile) push(...profileSection('passthrough (loan events)', report.passthroughProfile));
  }

  push('## What limits it', '', ...findings(report).map((f) => `- ${f}`), '');
  push('What was changed to get here, what each change bought, and what would lift the rest: [performance.md](performance.md).', '');
  const notes = [...report.notes, ...contentionNotes(report)];
  if (notes.length > 0) push('## Notes from this run', '', ...notes.map((n) => `- ${n}`), '');
  return lines.join('\n');
}

function ratio(s: StageDrainReport): number {
  return s.stageRun.perSecond / s.passthrough.perSecond;
}

function profileSection(title: string, profile: ProfileSummary): string[] {
  const lines = [`### ${title}`, '', `${fixed(profile.seconds, 1)} s profiled, busy ${pct(profile.busy)}.`, ''];
  lines.push('| where (self time) | share |', '|---|---|', ...profile.byArea.slice(0, 8).map((h) => `| ${h.name} | ${pct(h.share, 1)} |`), '');
  lines.push('| function (self time) | share | | function (total time, callees included) | share |', '|---|---|---|---|---|');
  for (let i = 0; i < Math.max(profile.self.length, profile.total.length); i++) {
    const a = profile.self[i];
    const b = profile.total[i];
    lines.push(`| ${a ? `\`${a.name}\`` : ''} | ${a ? pct(a.share, 1) : ''} | | ${b ? `\`${b.name}\`` : ''} | ${b ? pct(b.share, 1) : ''} |`);
  }
  lines.push('');
  return lines;
}

/** Measurements taken while something outside the bench kept a core busy (a shared machine). */
function contentionNotes(report: BenchReport): string[] {
  const busy: string[] = [];
  for (const s of report.stages) {
    if (otherCores(s.stageRun.cpu) > 0.3) busy.push(`${s.stage} drain (${fixed(otherCores(s.stageRun.cpu), 2)} cores)`);
    if (otherCores(s.passthrough.cpu) > 0.3) busy.push(`passthrough on ${s.stage}'s input (${fixed(otherCores(s.passthrough.cpu), 2)} cores)`);
  }
  if (report.pipeline && otherCores(report.pipeline.cpu) > 0.3) busy.push(`sustained run (${fixed(otherCores(report.pipeline.cpu), 2)} cores)`);
  for (const l of report.latency) if (otherCores(l.cpu) > 0.3) busy.push(`${int(l.rate)}/s run (${fixed(otherCores(l.cpu), 2)} cores)`);
  for (const p of report.costCurve?.replicas ?? []) if (p.drain && otherCores(p.drain.cpu) > 0.3) busy.push(`cost curve, ${p.replicas} replica(s) (${fixed(otherCores(p.drain.cpu), 2)} cores)`);
  for (const p of report.costCurve?.ledger ?? []) if (p.drain && otherCores(p.drain.cpu) > 0.3) busy.push(`cost curve, ${int(p.borrowers)} borrowers (${fixed(otherCores(p.drain.cpu), 2)} cores)`);
  return busy.length === 0
    ? []
    : [`Processes outside the bench (not the services, broker, PostgreSQL or the bench itself) were busy during: ${busy.join(', ')}. Those numbers are lower than a quiet machine gives; re-run when it is quiet.`];
}

/** Statements the numbers support, computed, so they stay true when the code changes. */
function findings(report: BenchReport): string[] {
  const out: string[] = [];
  const { pipeline } = report;
  if (pipeline) {
    const us = (source: string) => ((pipeline.cpu.seconds.get(source) ?? 0) / pipeline.events) * 1e6;
    const sources = ['consent-filter', 'minimiser', 'bureau-formatter', 'consent-ledger', 'kafka', 'postgres', 'bench'];
    const total = sources.reduce((sum, source) => sum + us(source), 0);
    const budget = (pipeline.cpu.cores * 1e6) / TARGETS.pipelinePerSecond;
    out.push(
      `The sustained run is CPU-bound: the machine was ${pct(pipeline.cpu.machineBusy)} busy, and every loan event cost ${int(total)} µs of CPU across the processes (${sources.map((s) => `${s} ${int(us(s))}`).join(', ')}). ${int(TARGETS.pipelinePerSecond)} events/s on ${pipeline.cpu.cores} cores leaves at most ${int(budget)} µs per event for all of them together, ${total > budget ? `so the pipeline needs about ${fixed(total / budget, 1)}× less CPU per event, not more parallelism` : `and this run stayed inside that (${pct(total / budget)} of it)`}.`,
    );
  }
  for (const s of report.stages) {
    const st = s.stageRun;
    const stageUs = cpuPerRecord(st.cpu, 'stage', st.records);
    const passUs = cpuPerRecord(s.passthrough.cpu, 'stage', s.passthrough.records);
    const top = s.profile ? s.profile.self.filter((h) => !h.name.startsWith('(')).slice(0, 3).map((h) => `\`${h.name}\` ${pct(h.share, 1)}`).join(', ') : '';
    const areas = s.profile ? s.profile.byArea.slice(0, 3).map((h) => `${h.name} ${pct(h.share, 0)}`).join(', ') : '';
    out.push(
      `${s.stage}: ${pct(ratio(s))} of the passthrough. Draining, its process used ${fixed(coresUsed(st.cpu, 'stage'), 2)} cores (one event loop, plus GC threads) at ${int(stageUs)} µs of CPU per input record against ${int(passUs)} µs for the passthrough; ${pct(TARGETS.stageRatio)} of the passthrough allows about ${int(passUs / TARGETS.stageRatio)} µs, that is ${int(passUs / TARGETS.stageRatio - passUs)} µs of the stage's own work (decoding, deciding, encoding, database) on top of what Kafka costs, and it takes ${int(stageUs - passUs)}${areas ? `. Self time by area: ${areas}` : ''}${top ? `; top functions: ${top}` : ''}.`,
    );
  }
  const at1000 = report.latency.find((l) => l.rate === TARGETS.latencyRate);
  if (at1000) {
    const chain = ['consent-filter', 'minimiser', 'bureau-formatter'].map((service) => `${service} ${int(at1000.stageLatency.get(service)?.p50 ?? Number.NaN)} ms`).join(', ');
    const chunks = ['consent-filter', 'minimiser', 'bureau-formatter'].reduce((sum, service) => sum + (at1000.chunks.get(service)?.chunks ?? 0), 0);
    const filter = report.stages.find((st) => st.stage === 'consent-filter');
    const fanOut = filter ? [...filter.produced.values()].reduce((sum, n) => sum + n, 0) / Math.max(1, filter.stageRun.records) : 1;
    const inputRecords = at1000.events * (1 + 2 * fanOut);
    out.push(
      `At ${int(at1000.rate)} events/s the machine was ${pct(at1000.cpu.machineBusy)} busy (broker ${fixed(coresUsed(at1000.cpu, 'kafka'), 2)} cores) and the pipeline finished ${fixed(at1000.tailSeconds, 1)} s after the last publish. Median time from publish to committed by each stage: ${chain}. The three stages committed ${int(chunks / Math.max(1, at1000.publishSeconds))} transactions/s, ${fixed(inputRecords / Math.max(1, chunks), 0)} input records each on average (against ${int(report.settings.chunkSize)} in the drains): at a fixed rate every fetch yields a small chunk, and each costs a full transaction (add partitions, produce, add offsets, offset commit, end, markers) on the client and on the broker.`,
    );
  }
  const fresh = [...report.freshMemory.values()].map((m) => m.rss);
  if (fresh.length > 0) {
    out.push(
      `A service uses ${mib(Math.min(...fresh))}–${mib(Math.max(...fresh))} RSS right after start, before any load, of which the JS heap is a fraction (table above): Node and the compiled code of Nest, TypeORM, kafkajs and the libraries. RSS well above heap reserved + external under load is native memory outside the V8 heap.`,
    );
  }
  return out;
}


