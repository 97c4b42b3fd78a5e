import { percentile } from '../ingest/latency-stats';
import type { Sightings, Watched } from './freshness-watcher';
import type { OpenLoopResult } from './open-loop-driver';
import type { PartyCores } from './service-cpu';

/** One steady rate as run: donations [from, from + count), their answers and the CPU. */
export interface RatePhase {
  rate: number;
  from: number;
  count: number;
  result: OpenLoopResult;
  cores: PartyCores;
  /** Whether every accepted donation showed on both topics within BENCH_DRAIN_SECONDS. */
  drained: boolean;
}

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export interface TopicFigures {
  /** From the adapter's 204 to the campaign's total read on the topic, ms. */
  freshnessMs: Spread;
  /** Accepted donations whose campaign never showed a count. */
  missing: number;
  /** Donations of the phase whose campaign shows a count at the end. */
  counted: number;
  /** Campaigns that showed a count above 1 (a donation counted twice). */
  countedTwice: number;
  /** Counted although the adapter did not answer 204. */
  countedNotAccepted: number;
}

export interface RateSummary {
  rate: number;
  requests: number;
  offeredPerSecond: number;
  accepted: number;
  acceptedPerSecond: number;
  statuses: string;
  answerMs: Spread;
  totals: TopicFigures;
  stats: TopicFigures;
  drained: boolean;
  held: boolean;
  cores: PartyCores;
}

function spread(values: number[]): Spread {
  const sorted = Float64Array.from(values).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1],
  };
}

function statusCounts(statuses: Uint16Array): string {
  const counts = new Map<number, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status === 0 ? 'no answer' : status} x${n}`)
    .join(', ');
}

function topicFigures(phase: RatePhase, sightings: Sightings): TopicFigures {
  const { result, from, count } = phase;
  const freshness: number[] = [];
  const figures = { missing: 0, counted: 0, countedTwice: 0, countedNotAccepted: 0 };
  for (let i = 0; i < count; i++) {
    const index = from + i;
    const accepted = result.statuses[i] === 204;
    const count = sightings.maxCount[index];
    if (count >= 1) figures.counted += 1;
    if (count > 1) figures.countedTwice += 1;
    if (count >= 1 && !accepted) figures.countedNotAccepted += 1;
    if (!accepted) continue;
    const seen = sightings.firstMs[index];
    if (Number.isNaN(seen)) figures.missing += 1;
    // Read before the bench had read the answer: the bench's own delay; counted as 0.
    else freshness.push(Math.max(0, seen - result.answeredMs[i]));
  }
  return { freshnessMs: spread(freshness), ...figures };
}

/** The figures of one rate, and whether the system held it. */
export function summarizeRate(
  phase: RatePhase,
  sightings: Record<Watched, Sightings>,
  freshnessTargetMs: number,
): RateSummary {
  const { result, count, rate } = phase;
  const answerMs: number[] = [];
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    if (result.statuses[i] === 204) accepted += 1;
    if (!Number.isNaN(result.answeredMs[i])) answerMs.push(result.answeredMs[i] - result.dueMs[i]);
  }
  const lastDue = result.dueMs[count - 1];
  const offeredPerSecond = count / ((lastDue - result.startedMs + 1000 / rate) / 1000);
  const acceptedPerSecond = accepted / ((result.endedMs - result.startedMs) / 1000);
  const totals = topicFigures(phase, sightings.totals);
  const stats = topicFigures(phase, sightings.stats);
  const exact = (topic: TopicFigures) =>
    topic.counted === accepted && topic.countedTwice === 0 && topic.missing === 0;
  const held =
    accepted === count &&
    acceptedPerSecond >= 0.95 * offeredPerSecond &&
    exact(totals) &&
    exact(stats) &&
    totals.freshnessMs.p99 <= freshnessTargetMs &&
    stats.freshnessMs.p99 <= freshnessTargetMs;
  return {
    rate,
    requests: count,
    offeredPerSecond,
    accepted,
    acceptedPerSecond,
    statuses: statusCounts(result.statuses),
    answerMs: spread(answerMs),
    totals,
    stats,
    drained: phase.drained,
    held,
    cores: phase.cores,
  };
}
