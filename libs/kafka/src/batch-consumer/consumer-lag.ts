/** A partition's bounds as the admin API reports them (fetchTopicOffsets): decimal strings. */
export interface PartitionEnds {
  partition: number;
  /** The earliest offset still in the log. */
  low: string;
  /** The log end offset: the offset the next message will get. */
  high: string;
}

/** How far a consumer's applied state is behind one partition's log. */
export interface PartitionLag {
  partition: number;
  /** The next offset to apply, as stored with the state; null when nothing is stored yet. */
  applied: string | null;
  logEnd: string;
  /**
   * Messages still to apply: log end minus applied. Nothing stored counts from the earliest
   * offset still in the log (where the consumer would start); an applied offset below it counts
   * from there too (what retention deleted can no longer be applied); never negative.
   */
  lag: number;
}

/** Each partition's lag, in partition order, from the log's bounds and the stored offsets. */
export function partitionLags(
  ends: readonly PartitionEnds[],
  applied: ReadonlyMap<number, string>,
): PartitionLag[] {
  return [...ends]
    .sort((a, b) => a.partition - b.partition)
    .map(({ partition, low, high }) => {
      const stored = applied.get(partition);
      return {
        partition,
        applied: stored ?? null,
        logEnd: high,
        lag: lagOf(low, high, stored),
      };
    });
}

/** log end − max(applied, earliest), at least 0. */
export function lagOf(low: string, high: string, applied: string | undefined): number {
  const end = BigInt(high);
  const start = BigInt(low);
  const from = applied === undefined || BigInt(applied) < start ? start : BigInt(applied);
  return end > from ? Number(end - from) : 0;
}

/** The lag of a batch just applied: the partition's high watermark at fetch minus its next offset. */
export function lagAfterBatch(highWatermark: string, nextOffset: string): number {
  const behind = BigInt(highWatermark) - BigInt(nextOffset);
  return behind > 0n ? Number(behind) : 0;
}

/** The sum of the partitions' lags. */
export const totalLag = (lags: readonly { lag: number }[]): number =>
  lags.reduce((sum, { lag }) => sum + lag, 0);
