import { percentile, statusCounts, summarize } from './latency-stats';
import type { PhaseResult } from './load-driver';

function phase(latencies: number[], statuses: number[], elapsedMs: number): PhaseResult {
  return {
    route: '/x',
    elapsedMs,
    latenciesMs: Float64Array.from(latencies),
    statuses: Uint16Array.from(statuses),
  };
}

describe('latency stats', () => {
  it('takes nearest-rank percentiles', () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(Float64Array.from([7]), 99)).toBe(7);
    expect(percentile(new Float64Array(0), 50)).toBeNaN();
  });

  it('summarises rounds over their summed time and merged latencies', () => {
    const summary = summarize('/x', [
      phase([1, 2, 3, 4], [204, 204, 204, 204], 1000),
      phase([10, 20, 30, 40], [204, 401, 0, 204], 1000),
    ]);
    expect(summary).toMatchObject({ requests: 8, failed: 2, requestsPerSecond: 4 });
    expect(summary.p50Ms).toBe(4);
    expect(summary.p99Ms).toBe(40);
  });

  it('counts statuses, naming requests that got no answer', () => {
    expect(statusCounts([phase([1, 1, 1], [204, 0, 204], 1)])).toBe('no answer x1, 204 x2');
  });
});
