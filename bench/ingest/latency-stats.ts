import type { PhaseResult } from './load-driver';

export interface RouteSummary {
  route: string;
  requests: number;
  /** Answers outside 2xx, and requests that got no answer at all. */
  failed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank percentile of ascending values (p in 0..100). */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** One route's phases together: throughput over their summed time, percentiles over all. */
export function summarize(route: string, phases: readonly PhaseResult[]): RouteSummary {
  const requests = phases.reduce((sum, phase) => sum + phase.latenciesMs.length, 0);
  const elapsedMs = phases.reduce((sum, phase) => sum + phase.elapsedMs, 0);
  const latencies = new Float64Array(requests);
  let offset = 0;
  let failed = 0;
  for (const phase of phases) {
    latencies.set(phase.latenciesMs, offset);
    offset += phase.latenciesMs.length;
    for (const status of phase.statuses) if (status < 200 || status > 299) failed += 1;
  }
  latencies.sort();
  return {
    route,
    requests,
    failed,
    requestsPerSecond: requests / (elapsedMs / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Statuses and how often each came back, e.g. `204 x20000`. */
export function statusCounts(phases: readonly PhaseResult[]): string {
  const counts = new Map<number, number>();
  for (const phase of phases) {
    for (const status of phase.statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'no answer' : status} x${count}`)
    .join(', ');
}
