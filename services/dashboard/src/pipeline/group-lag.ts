import type { PartitionEnds } from '../feed/catch-up';

/** A group's committed offset per partition, as admin.fetchOffsets gives it ('-1': none). */
export interface CommittedOffset {
  partition: number;
  offset: string;
}

/** Messages held in a topic: the sum of high - low over its partitions. */
export function messagesHeld(ends: readonly PartitionEnds[]): number {
  return Number(ends.reduce((sum, { low, high }) => sum + (BigInt(high) - BigInt(low)), 0n));
}

/**
 * A consumer group's lag: per partition, the high watermark minus the committed offset (minus
 * the low watermark where the group has committed nothing). Null when the group has committed
 * no offset at all in Kafka: then Kafka knows nothing of its progress.
 */
export function groupLag(
  ends: readonly PartitionEnds[],
  committed: readonly CommittedOffset[],
): number | null {
  const offsets = new Map(committed.map(({ partition, offset }) => [partition, BigInt(offset)]));
  if (![...offsets.values()].some((offset) => offset >= 0n)) return null;
  let lag = 0n;
  for (const { partition, low, high } of ends) {
    const offset = offsets.get(partition) ?? -1n;
    const from = offset >= 0n ? offset : BigInt(low);
    if (BigInt(high) > from) lag += BigInt(high) - from;
  }
  return Number(lag);
}
