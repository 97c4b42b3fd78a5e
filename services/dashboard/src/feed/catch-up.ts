/** A partition's offsets as kafkajs' admin.fetchTopicOffsets gives them. */
export interface PartitionEnds {
  partition: number;
  low: string;
  high: string;
}

/**
 * Tells when a reader has read everything that was in its topics when it started: each
 * non-empty partition's high watermark at the start is a target, reached once a batch (control
 * records included) ends at or past it.
 */
export class CatchUp {
  private readonly pending = new Map<string, bigint>();

  constructor(ends: ReadonlyMap<string, readonly PartitionEnds[]>) {
    for (const [topic, partitions] of ends) {
      for (const { partition, low, high } of partitions) {
        if (BigInt(high) > BigInt(low)) this.pending.set(key(topic, partition), BigInt(high));
      }
    }
  }

  get done(): boolean {
    return this.pending.size === 0;
  }

  /** Records that the partition has been read up to and including `lastOffset`. */
  advance(topic: string, partition: number, lastOffset: string): void {
    const target = this.pending.get(key(topic, partition));
    if (target !== undefined && BigInt(lastOffset) + 1n >= target) {
      this.pending.delete(key(topic, partition));
    }
  }
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
