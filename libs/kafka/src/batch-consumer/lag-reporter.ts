import type { Admin } from 'kafkajs';
import type { TopicName } from '@donations/contracts';
import type { OffsetStore } from './batch-consumer.types';
import { lagAfterBatch, partitionLags } from './consumer-lag';

/**
 * Where a batch consumer reports its progress (libs/observability ConsumerMetrics puts it on
 * /metrics): events applied, and per partition the lag of the applied state behind the log end.
 */
export interface ConsumerMetrics {
  applied(group: string, topic: TopicName, events: number): void;
  lag(group: string, topic: TopicName, partition: number, lag: number): void;
  /** A batch applied, in `seconds` from its delivery to the handler's return (retries included). */
  batch?(group: string, topic: TopicName, seconds: number): void;
}

export const DEFAULT_LAG_REFRESH_MS = 5_000;

export interface LagReporterDeps {
  metrics: ConsumerMetrics;
  groupId: string;
  store: OffsetStore;
  admin: Admin;
  /** The subscribed topics: on the broker, and as contract topics. */
  topics: readonly { kafkaTopic: string; topic: TopicName }[];
  refreshMs: number;
  /** A refresh that failed (broker or store down): the next one tries again. */
  onRefreshFailed: (error: unknown) => void;
}

/**
 * Keeps a consumer's lag gauges current: after each applied batch (its partition, from the high
 * watermark of the fetch), and on an interval for every partition of the subscribed topics, from
 * the stored offsets and the log ends, so that partitions of other instances, and a consumer that
 * stalls, are seen too.
 */
export class LagReporter {
  private timer?: NodeJS.Timeout;
  private refreshing = false;

  constructor(private readonly deps: LagReporterDeps) {}

  start(): void {
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.deps.refreshMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  batchApplied(
    batch: { topic: TopicName; partition: number; nextOffset: string; messages: unknown[] },
    highWatermark: string,
  ): void {
    const { metrics, groupId } = this.deps;
    metrics.applied(groupId, batch.topic, batch.messages.length);
    metrics.lag(
      groupId,
      batch.topic,
      batch.partition,
      lagAfterBatch(highWatermark, batch.nextOffset),
    );
  }

  /** Reads every partition's stored offset and log end once; overlapping ticks are skipped. */
  async refresh(): Promise<void> {
    if (this.refreshing) return;
    this.refreshing = true;
    const { metrics, groupId, store, admin } = this.deps;
    try {
      for (const { kafkaTopic, topic } of this.deps.topics) {
        const ends = await admin.fetchTopicOffsets(kafkaTopic);
        const stored = await store.load(
          groupId,
          topic,
          ends.map(({ partition }) => partition),
        );
        for (const { partition, lag } of partitionLags(ends, stored)) {
          metrics.lag(groupId, topic, partition, lag);
        }
      }
    } catch (error) {
      this.deps.onRefreshFailed(error);
    } finally {
      this.refreshing = false;
    }
  }
}
