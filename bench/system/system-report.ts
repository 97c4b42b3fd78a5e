import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { rerunCommand } from '../common/rerun-command';
import type { RateSummary, Spread, TopicFigures } from './rate-summary';
import { BENCH_KNOBS, SystemBenchConfig } from './system-bench.config';

/** The issue's target: the whole system holds 2,000 signed webhooks/s with freshness p99 <= 1 s. */
export const TARGET_RATE = 2_000;

const ms = (value: number): string =>
  Number.isNaN(value) ? '-' : value >= 10_000 ? value.toFixed(0) : value.toFixed(1);
const spreadCells = (s: Spread): string[] => [ms(s.p50), ms(s.p99), ms(s.max)];

function countCell(topic: TopicFigures, accepted: number): string {
  const extra = [
    topic.missing > 0 ? `${topic.missing} missing` : '',
    topic.countedTwice > 0 ? `${topic.countedTwice} twice` : '',
    topic.countedNotAccepted > 0 ? `${topic.countedNotAccepted} not accepted` : '',
  ].filter(Boolean);
  const mark = topic.counted === accepted && extra.length === 0 ? '=' : '!';
  return `${topic.counted}${mark}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** One line per rate, printed as soon as the rate is done. */
export function rateLine(summary: RateSummary): string {
  return (
    `rate ${summary.rate}/s: offered ${summary.offeredPerSecond.toFixed(0)}/s, accepted ` +
    `${summary.acceptedPerSecond.toFixed(0)}/s (${summary.statuses}); answer p50/p99/max ` +
    `${spreadCells(summary.answerMs).join('/')} ms; fresh totals ` +
    `${spreadCells(summary.totals.freshnessMs).join('/')} ms, stats ` +
    `${spreadCells(summary.stats.freshnessMs).join('/')} ms` +
    (summary.drained ? '' : '; NOT drained within BENCH_DRAIN_SECONDS')
  );
}

/** The table of every rate, the CPU per party, the highest rate held; the figures as JSON. */
export function report(
  config: SystemBenchConfig,
  summaries: readonly RateSummary[],
  parties: readonly string[],
  context: Record<string, unknown>,
  outDir: string,
): boolean {
  const held = summaries.filter((s) => s.held).map((s) => s.rate);
  const highest = held.length === 0 ? undefined : Math.max(...held);
  const heads = [
    'rate/s',
    'offered',
    'accepted',
    'ans p50',
    'ans p99',
    'ans max',
    'tot p50',
    'tot p99',
    'tot max',
    'st p50',
    'st p99',
    'st max',
    'held',
  ];
  const lines = [
    '',
    `answer latency (ans) and freshness to aggregates.campaign-totals.v1 (tot) and stats.overview.v1 (st), ms`,
    heads.map((h) => h.padStart(9)).join(''),
    ...summaries.map((s) =>
      [
        String(s.rate),
        s.offeredPerSecond.toFixed(0),
        s.acceptedPerSecond.toFixed(0),
        ...spreadCells(s.answerMs),
        ...spreadCells(s.totals.freshnessMs),
        ...spreadCells(s.stats.freshnessMs),
        s.held ? 'yes' : 'no',
      ]
        .map((cell) => cell.padStart(9))
        .join(''),
    ),
    '',
    'every donation accounted for (accepted; counted on totals / on stats at the end; = exact)',
    ...summaries.map(
      (s) =>
        `${String(s.rate).padStart(6)}/s: ${s.requests} sent, ${s.accepted} accepted ` +
        `(${s.statuses}); totals ${countCell(s.totals, s.accepted)}; stats ${countCell(s.stats, s.accepted)}`,
    ),
    '',
    'CPU cores busy per party, from the first request of a rate to its last donation on both topics',
    ['rate/s', ...parties, 'machine'].map((h) => h.slice(0, 11).padStart(12)).join(''),
    ...summaries.map((s) =>
      [String(s.rate), ...[...parties, 'machine'].map((p) => (s.cores[p] ?? 0).toFixed(2))]
        .map((cell) => cell.padStart(12))
        .join(''),
    ),
    '',
    `highest rate held (all accepted, >= 95% of offered, exact counts, freshness p99 <= ` +
      `${config.BENCH_FRESHNESS_MS} ms on both topics): ${highest === undefined ? 'none' : `${highest}/s`}`,
    `target (>= ${TARGET_RATE}/s held): ${highest !== undefined && highest >= TARGET_RATE ? 'met' : 'NOT met'}`,
    '',
    `rerun: ${rerunCommand(BENCH_KNOBS, 'bench:system')}`,
  ];
  console.log(lines.join('\n'));
  const file = resolve(outDir, `system-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const figures = {
    at: new Date().toISOString(),
    config: { ...config, DATABASE_URL: undefined, REDIS_URL: undefined },
    ...context,
    rates: summaries,
    highestHeld: highest ?? null,
  };
  writeFileSync(file, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`figures: ${file}`);
  return summaries.every(
    (s) =>
      s.totals.countedTwice === 0 &&
      s.stats.countedTwice === 0 &&
      s.totals.countedNotAccepted === 0 &&
      s.stats.countedNotAccepted === 0,
  );
}
