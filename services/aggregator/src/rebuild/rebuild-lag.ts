/** A partition's ends as the Kafka admin reports them. */
export interface PartitionEnds {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/**
 * Events a generation has still to read: per partition, from its stored next offset (or the
 * earliest offset, where it has stored none) to the end of the log.
 */
export function rebuildLag(
  ends: readonly PartitionEnds[],
  stored: ReadonlyMap<number, string>,
): number {
  let lag = 0n;
  for (const { partition, low, high } of ends) {
    const from = BigInt(stored.get(partition) ?? low);
    const end = BigInt(high);
    if (end > from) lag += end - from;
  }
  return Number(lag);
}
