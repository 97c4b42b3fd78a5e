import { Inject, Injectable } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { TOPICS, topicName } from '@donations/contracts';
import type { StatisticsConfig } from '../config/statistics.config';
import { KAFKA_ADMIN, STATISTICS_CONFIG } from '../connections/connections.tokens';
import type { PartitionEnds } from './rebuild-progress';

/**
 * The offsets of donations.counted.v1 on the broker: its ends (what a rebuild has to read),
 * the group's committed offsets, and each partition's earliest offset, where a batch may start
 * when nothing is stored. The earliest offsets are cached: retention only moves them forward, and
 * a batch refused for a stale one makes the caller forget them and ask again.
 */
@Injectable()
export class TopicOffsetsReader {
  private readonly kafkaTopic: string;
  private earliest?: Promise<ReadonlyMap<number, string>>;

  constructor(
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(STATISTICS_CONFIG) config: StatisticsConfig,
  ) {
    this.kafkaTopic = topicName(TOPICS.donationsCounted, config.TOPIC_PREFIX);
  }

  async ends(): Promise<PartitionEnds[]> {
    const offsets = await this.admin.fetchTopicOffsets(this.kafkaTopic);
    return offsets.map(({ partition, low, high }) => ({ partition, low, high }));
  }

  /**
   * The group's offsets committed in Kafka (the batch consumer commits there what it applied,
   * for lag monitors), per partition that has one.
   */
  async committed(groupId: string): Promise<Map<number, string>> {
    const [topic] = await this.admin.fetchOffsets({ groupId, topics: [this.kafkaTopic] });
    return new Map(
      (topic?.partitions ?? [])
        .filter(({ offset }) => /^\d+$/.test(offset))
        .map(({ partition, offset }) => [partition, offset]),
    );
  }

  /** The partition's earliest offset (cached); undefined for a partition the topic lacks. */
  async earliestOffset(partition: number): Promise<string | undefined> {
    this.earliest ??= this.ends().then(
      (ends) => new Map(ends.map(({ partition: p, low }) => [p, low])),
    );
    const earliest = this.earliest;
    try {
      return (await earliest).get(partition);
    } catch (error) {
      if (this.earliest === earliest) this.earliest = undefined;
      throw error;
    }
  }

  forgetEarliest(): void {
    this.earliest = undefined;
  }
}
