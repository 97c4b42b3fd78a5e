import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { topicName } from '@donations/contracts';
import { KAFKA_ADMIN, KAFKA_CLIENT } from '@donations/kafka';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { DashboardService } from '../live/dashboard.service';
import { CatchUp, PartitionEnds } from './catch-up';
import { decodeFeedMessage, FEED_TOPICS, FeedTopic } from './feed-record';

/**
 * Reads the feed topics as any dashboard service would: in a consumer group of its own, from the
 * beginning (the compacted topics hold the current state of every key), then follows them. It
 * commits nothing; a restart reads everything again, and the versions make that harmless.
 */
@Injectable()
export class FeedConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedConsumer.name);
  private readonly topics: ReadonlyMap<string, FeedTopic>;
  private consumer?: Consumer;

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig,
    @Inject(DashboardService) private readonly dashboard: DashboardService,
  ) {
    this.topics = new Map(
      FEED_TOPICS.map((topic) => [topicName(topic, config.TOPIC_PREFIX), topic]),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    const groupId = `${this.config.DASHBOARD_GROUP_PREFIX}-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    // A short fetch wait: an idle fetch holds up a shutdown for that long.
    const consumer = this.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1_000,
    });
    this.consumer = consumer;
    await this.watchCatchUp(consumer, groupId);
    consumer.on(consumer.events.CRASH, ({ payload }) =>
      this.logger.error({
        msg: 'feed consumer crashed',
        restart: payload.restart,
        error: payload.error.message,
      }),
    );
    await consumer.connect();
    await consumer.subscribe({ topics: [...this.topics.keys()], fromBeginning: true });
    await consumer.run({ autoCommit: false, eachBatch: (payload) => this.onBatch(payload) });
  }

  /** Tells the dashboard once the topics are read up to where they ended at start. */
  private async watchCatchUp(consumer: Consumer, groupId: string): Promise<void> {
    await this.admin.connect();
    const catchUp = new CatchUp(await this.topicEnds());
    const started = Date.now();
    const onCaughtUp = () => {
      this.logger.log({
        msg: 'read the feed topics up to where they were at start',
        groupId,
        ms: Date.now() - started,
      });
      this.dashboard.markCaughtUp();
    };
    if (catchUp.done) onCaughtUp();
    consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
      if (catchUp.done) return;
      catchUp.advance(payload.topic, payload.partition, payload.lastOffset);
      if (catchUp.done) onCaughtUp();
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  private onBatch({ batch }: EachBatchPayload): Promise<void> {
    const topic = this.topics.get(batch.topic);
    if (!topic) return Promise.resolve();
    this.dashboard.receive(
      topic,
      batch.messages.map((message) => ({
        partition: batch.partition,
        offset: message.offset,
        result: decodeFeedMessage(topic, message),
      })),
    );
    return Promise.resolve();
  }

  private async topicEnds(): Promise<Map<string, PartitionEnds[]>> {
    const names = [...this.topics.keys()];
    const ends = await Promise.all(names.map((name) => this.admin.fetchTopicOffsets(name)));
    return new Map(names.map((name, i) => [name, ends[i]]));
  }
}
