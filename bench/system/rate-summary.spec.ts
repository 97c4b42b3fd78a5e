import type { Sightings } from './freshness-watcher';
import { RatePhase, summarizeRate } from './rate-summary';

/** A phase of `count` donations at `rate`/s, each answered 204 `answerMs` after it was due. */
function phaseOf(count: number, rate: number, answerMs = 10): RatePhase {
  const dueMs = Float64Array.from({ length: count }, (_, i) => (i * 1000) / rate);
  const answeredMs = dueMs.map((due) => due + answerMs);
  return {
    rate,
    from: 0,
    count,
    result: {
      dueMs,
      answeredMs,
      statuses: new Uint16Array(count).fill(204),
      startedMs: 0,
      endedMs: answeredMs[count - 1],
    },
    cores: {},
    drained: true,
  };
}

/** Each donation seen `freshMs` after its answer, counted once. */
function seen(phase: RatePhase, freshMs: (index: number) => number): Sightings {
  return {
    firstMs: phase.result.answeredMs.map((answered, i) => answered + freshMs(i)),
    maxCount: new Uint32Array(phase.count).fill(1),
  };
}

describe('summarizeRate', () => {
  it('holds a rate all accepted, counted once and fresh within the target on both topics', () => {
    const phase = phaseOf(1_000, 100);
    const summary = summarizeRate(
      phase,
      { totals: seen(phase, () => 300), stats: seen(phase, (i) => 100 + i / 2) },
      1_000,
    );
    expect(summary).toMatchObject({ accepted: 1_000, held: true });
    expect(summary.totals.freshnessMs).toEqual({ p50: 300, p99: 300, max: 300 });
    expect(summary.stats.freshnessMs).toEqual({ p50: 349.5, p99: 594.5, max: 599.5 });
    expect(summary.offeredPerSecond).toBeCloseTo(100, 6);
  });

  it('does not hold a rate whose freshness p99 on one topic is above the target', () => {
    const phase = phaseOf(100, 100);
    const stale = seen(phase, (i) => (i >= 98 ? 5_000 : 200));
    const summary = summarizeRate(phase, { totals: seen(phase, () => 200), stats: stale }, 1_000);
    expect(summary.stats.freshnessMs.p99).toBe(5_000);
    expect(summary.held).toBe(false);
  });

  it('reports a donation missing, counted twice, or counted without a 204', () => {
    const phase = phaseOf(10, 10);
    phase.result.statuses[3] = 503;
    const totals = seen(phase, () => 50);
    totals.firstMs[7] = Number.NaN;
    totals.maxCount[7] = 0;
    totals.maxCount[5] = 2;
    const summary = summarizeRate(phase, { totals, stats: seen(phase, () => 50) }, 1_000);
    expect(summary.totals).toMatchObject({
      counted: 9,
      missing: 1,
      countedTwice: 1,
      countedNotAccepted: 1,
    });
    expect(summary.stats).toMatchObject({ counted: 10, missing: 0, countedNotAccepted: 1 });
    expect(summary).toMatchObject({ accepted: 9, held: false, statuses: '204 x9, 503 x1' });
  });
});
