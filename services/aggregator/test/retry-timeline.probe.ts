/**
 * When each new failed attempt showed up in a counter's samples, per label set (the aggregator
 * labels its retries by partition). Fed by polling GET /metrics, so the times are as precise as
 * the polling.
 */
export class RetryTimeline {
  private readonly last: Map<string, number>;
  private readonly seen = new Map<string, number[]>();

  /** `baseline`: the samples before the failures began; only attempts after them count. */
  constructor(baseline: ReadonlyMap<string, number>) {
    this.last = new Map(baseline);
  }

  record(samples: ReadonlyMap<string, number>, at = Date.now()): void {
    for (const [labels, value] of samples) {
      const previous = this.last.get(labels) ?? 0;
      if (value <= previous) continue;
      const times = this.seen.get(labels) ?? [];
      for (let attempt = previous; attempt < value; attempt += 1) times.push(at);
      this.seen.set(labels, times);
      this.last.set(labels, value);
    }
  }

  /** The attempt times of the first label set with at least `count` new attempts. */
  withAtLeast(count: number): number[] | undefined {
    return [...this.seen.values()].find((times) => times.length >= count);
  }
}
