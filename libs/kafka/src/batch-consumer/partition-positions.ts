import type { TopicName } from '@donations/contracts';
import type { OffsetStore } from './batch-consumer.types';

/** A partition's assignment: topic on the broker -> partitions (kafkajs' memberAssignment). */
export type Assignment = Record<string, number[]>;

export interface PartitionPositionsDeps {
  store: OffsetStore;
  groupId: string;
  /** The contract topic of a broker topic (the prefix taken off). */
  contractTopic: (kafkaTopic: string) => TopicName;
  /** The earliest offset still in the log, per partition. */
  earliestOffsets: (kafkaTopic: string) => Promise<Map<number, string>>;
  seek: (position: { topic: string; partition: number; offset: string }) => void;
}

/**
 * Where each assigned partition continues: on every assignment the stored next offsets are
 * loaded and the consumer seeks to them (the earliest offset where none is stored). Batches wait
 * for that, and anything below the position is known to be applied already.
 */
export class PartitionPositions {
  private readonly next = new Map<string, string>();
  private assignment: Assignment = {};
  private loading: Promise<void> = Promise.resolve();
  private failed = false;

  constructor(private readonly deps: PartitionPositionsDeps) {}

  /** Called on GROUP_JOIN, before the new generation fetches. */
  onAssigned(assignment: Assignment): void {
    this.assignment = assignment;
    this.next.clear();
    this.startLoading();
  }

  /** The next offset to apply on the partition, once the assignment's positions are loaded. */
  async position(kafkaTopic: string, partition: number): Promise<string | undefined> {
    // A failed load is tried again for the next batch; nothing runs from an unknown position.
    if (this.failed) this.startLoading();
    try {
      await this.loading;
    } catch (error) {
      this.failed = true;
      throw error;
    }
    return this.next.get(key(kafkaTopic, partition));
  }

  /** Records that the partition is applied up to (not including) `nextOffset`. */
  advance(kafkaTopic: string, partition: number, nextOffset: string): void {
    this.next.set(key(kafkaTopic, partition), nextOffset);
  }

  /**
   * Seeks every assigned partition to its stored position again (the earliest offset where none
   * is stored), as on an assignment: for a store that has lost its state. Batches wait for it.
   */
  reload(): Promise<void> {
    this.onAssigned(this.assignment);
    return this.loading;
  }

  /**
   * After a failed batch: reads the partition's stored position again and, if it is no longer
   * `expected` (the batch's first offset), seeks there and returns true. A partition with no
   * stored position goes back to the earliest offset, as on assignment (the store lost it). A
   * store that cannot be read (PostgreSQL down) counts as unmoved: the batch is retried.
   */
  async reloadIfMoved(kafkaTopic: string, partition: number, expected: string): Promise<boolean> {
    const { store, groupId, contractTopic } = this.deps;
    let stored: string | undefined;
    try {
      stored =
        (await store.load(groupId, contractTopic(kafkaTopic), [partition])).get(partition) ??
        (await this.deps.earliestOffsets(kafkaTopic)).get(partition);
    } catch {
      return false;
    }
    if (stored === undefined || stored === expected) return false;
    this.next.set(key(kafkaTopic, partition), stored);
    this.deps.seek({ topic: kafkaTopic, partition, offset: stored });
    return true;
  }

  private startLoading(): void {
    this.failed = false;
    const loading = this.load(this.assignment);
    // Observed by position(); without this a failed load would be an unhandled rejection.
    loading.catch(() => undefined);
    this.loading = loading;
  }

  private async load(assignment: Assignment): Promise<void> {
    for (const [kafkaTopic, partitions] of Object.entries(assignment)) {
      if (partitions.length === 0) continue;
      const { store, groupId, contractTopic } = this.deps;
      const stored = await store.load(groupId, contractTopic(kafkaTopic), partitions);
      const missing = partitions.some((partition) => !stored.has(partition));
      const earliest = missing
        ? await this.deps.earliestOffsets(kafkaTopic)
        : new Map<number, string>();
      for (const partition of partitions) {
        const offset = stored.get(partition) ?? earliest.get(partition);
        if (offset === undefined) continue;
        this.next.set(key(kafkaTopic, partition), offset);
        this.deps.seek({ topic: kafkaTopic, partition, offset });
      }
    }
  }
}

function key(kafkaTopic: string, partition: number): string {
  return `${kafkaTopic}\u0000${partition}`;
}
