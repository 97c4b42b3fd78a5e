import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_KNOBS, IngestBenchConfig } from './bench.config';
import { CPU_PARTIES, CpuParty, CpuShare } from '../common/cpu-usage';
import { rerunCommand } from '../common/rerun-command';
import { RouteSummary, statusCounts, summarize } from './latency-stats';
import type { PhaseResult } from './load-driver';

/** The target: one process, Standard Webhooks, end to end to acknowledged Kafka writes. */
export const TARGET_REQUESTS_PER_SECOND = 5_000;
export const TARGET_RATIO = 0.5;

const COLUMNS = ['req/s', 'p50 ms', 'p99 ms', 'failed'];

export interface MeasuredPhase extends PhaseResult {
  cpu: CpuShare;
  /** CLOCK_MONOTONIC in µs, the clock of V8's CPU profiles (to cut the adapter's profile). */
  windowUs: [number, number];
}

export interface BenchOutcome {
  noop: readonly MeasuredPhase[];
  /** The durable no-op: one acknowledged Kafka write of the body through the same producer. */
  durable: readonly MeasuredPhase[];
  webhook: readonly MeasuredPhase[];
  kafka: {
    acknowledged: number;
    expected: number;
    durableAcknowledged: number;
    durableExpected: number;
  };
}

/** Prints the table, the ratio and the rerun command; writes the figures as JSON. */
export function report(config: IngestBenchConfig, outcome: BenchOutcome, outDir: string) {
  const { noop, durable, webhook, kafka } = outcome;
  const noopSummary = summarize(noop[0].route, noop);
  const durableSummary = summarize(durable[0].route, durable);
  const webhookSummary = summarize(webhook[0].route, webhook);
  const ratio = webhookSummary.requestsPerSecond / noopSummary.requestsPerSecond;
  const durableRatio = webhookSummary.requestsPerSecond / durableSummary.requestsPerSecond;
  const met =
    webhookSummary.requestsPerSecond >= TARGET_REQUESTS_PER_SECOND && ratio >= TARGET_RATIO;
  const rounds = noop.map((phase, i) => {
    const rates = [phase, durable[i], webhook[i]].map(
      (p) => summarize(p.route, [p]).requestsPerSecond,
    );
    return `(${rates.map((rate) => rate.toFixed(0)).join(', ')})`;
  });
  console.log(
    [
      '',
      `${' '.repeat(70)}CPU cores busy during the phase`,
      `${'route'.padEnd(34)}${[...COLUMNS, ...CPU_PARTIES.map(partyLabel)].map((h) => h.padStart(9)).join('')}`,
      row(`no-op    POST ${noopSummary.route}`, noopSummary, averageCpu(noop)),
      row(`durable  POST ${durableSummary.route}`, durableSummary, averageCpu(durable)),
      row(`adapter  POST ${webhookSummary.route}`, webhookSummary, averageCpu(webhook)),
      '',
      `ratio adapter/no-op (req/s): ${ratio.toFixed(3)}`,
      `ratio adapter/durable no-op (req/s): ${durableRatio.toFixed(3)}`,
      `per round (no-op, durable no-op, adapter req/s): ${rounds.join(' ')}`,
      `answers: adapter ${statusCounts(webhook)}; durable no-op ${statusCounts(durable)}; no-op ${statusCounts(noop)}`,
      `Kafka: ${kafka.acknowledged} events on donations.normalized.v1 (expected ${kafka.expected}); ` +
        `${kafka.durableAcknowledged} on the durable no-op's topic (expected ${kafka.durableExpected})`,
      `target (>= ${TARGET_REQUESTS_PER_SECOND} webhooks/s and >= ${TARGET_RATIO} of the no-op rate): ${met ? 'met' : 'NOT met'}`,
      '',
      `rerun: ${rerunCommand(BENCH_KNOBS, 'bench:ingest')}`,
    ].join('\n'),
  );
  const file = resolve(outDir, `ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const figures = {
    at: new Date().toISOString(),
    config: { ...config, DATABASE_URL: undefined },
    noop: { ...noopSummary, cpu: averageCpu(noop) },
    durable: { ...durableSummary, cpu: averageCpu(durable) },
    webhook: { ...webhookSummary, cpu: averageCpu(webhook) },
    ratio,
    durableRatio,
    kafka,
    met,
    windowsUs: {
      noop: noop.map((p) => p.windowUs),
      durable: durable.map((p) => p.windowUs),
      webhook: webhook.map((p) => p.windowUs),
    },
  };
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures: ${file}`);
  const failed = webhookSummary.failed + durableSummary.failed + noopSummary.failed;
  return (
    failed === 0 &&
    kafka.acknowledged === kafka.expected &&
    kafka.durableAcknowledged === kafka.durableExpected
  );
}

/** The process under test is the adapter here. */
const partyLabel = (party: CpuParty): string => (party === 'service' ? 'adapter' : party);

/** Cores each party kept busy, weighted by phase duration. */
function averageCpu(phases: readonly MeasuredPhase[]): CpuShare {
  const total = phases.reduce((sum, phase) => sum + phase.elapsedMs, 0);
  const weighted = (party: keyof CpuShare) =>
    phases.reduce((sum, phase) => sum + phase.cpu[party] * phase.elapsedMs, 0) / total;
  return Object.fromEntries(CPU_PARTIES.map((party) => [party, weighted(party)])) as CpuShare;
}

function row(name: string, summary: RouteSummary, cpu: CpuShare): string {
  const cells = [
    summary.requestsPerSecond.toFixed(0),
    summary.p50Ms.toFixed(2),
    summary.p99Ms.toFixed(2),
    String(summary.failed),
  ];
  const cores = CPU_PARTIES.map((party) => cpu[party].toFixed(2).padStart(9)).join('');
  return `${name.padEnd(34)}${cells.map((cell) => cell.padStart(9)).join('')}${cores}`;
}
