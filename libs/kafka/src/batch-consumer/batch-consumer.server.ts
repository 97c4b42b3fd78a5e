import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import type { Admin, Consumer, EachBatchPayload } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { TOPICS, TopicName, topicName } from '@donations/contracts';
import { backoffDelay, BackoffOptions, DEFAULT_BACKOFF } from './backoff';
import type { BatchConsumerServerOptions, ConsumedBatch } from './batch-consumer.types';
import { BATCH_CONSUMER_TRANSPORT, BatchContext } from './batch-pattern.decorator';
import { inBatchSpan } from './batch-span';
import { highestOffset, shapeBatch } from './batch-shaping';
import { DEFAULT_LAG_REFRESH_MS, LagReporter } from './lag-reporter';
import { PartitionPositions } from './partition-positions';

const CONTRACT_TOPICS = new Set<string>(Object.values(TOPICS));

/**
 * A Nest transport that hands each partition's fetched messages to a @BatchPattern handler as one
 * batch (kafkajs eachBatch). The handler owns the offsets: it stores them with its effect, and the
 * server seeks to the stored ones on every assignment. A failing batch is retried with backoff
 * until it succeeds; nothing is skipped and no offset moves before the handler returns.
 *
 * After a batch is applied, its next offset is also committed to the group in Kafka, as a mirror
 * for lag monitors (kafka-consumer-groups.sh, the dashboard): positions never come from it, and a
 * failed mirror commit is ignored (the next batch's commit repairs it). It never runs ahead of
 * what was applied, which the statistics rely on to know which dead letters went out before
 * their state was lost (TopicOffsetsReader.committed).
 */
export class BatchConsumerServer extends Server implements CustomTransportStrategy {
  override readonly transportId = BATCH_CONSUMER_TRANSPORT;
  override readonly propagatesEventHandlerErrors = true;
  protected override readonly logger = new Logger(BatchConsumerServer.name);

  private consumer?: Consumer;
  private admin?: Admin;
  private positions?: PartitionPositions;
  private lag?: LagReporter;
  private readonly stopping = new AbortController();
  private readonly prefix: string;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: BatchConsumerServerOptions) {
    super();
    this.prefix = options.topicPrefix ?? '';
    this.backoff = { ...DEFAULT_BACKOFF, ...options.retry };
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(
      () => callback(),
      (error: unknown) => callback(error),
    );
  }

  async close(): Promise<void> {
    this.stopping.abort();
    this.lag?.stop();
    await this.consumer?.disconnect();
    await this.admin?.disconnect();
    this.consumer = undefined;
    this.admin = undefined;
    this.positions = undefined;
  }

  /**
   * Seeks every assigned partition to its stored position again, the earliest offset where the
   * store has none: for a handler whose store lost its state while the consumer ran (statistics
   * after a Redis flush). Batches fetched from before the new positions are dropped.
   */
  async seekToStored(): Promise<void> {
    await this.positions?.reload();
  }

  on(): never {
    throw new Error('BatchConsumerServer has no events to listen to');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new Error('BatchConsumerServer is not listening');
    return this.consumer as T;
  }

  private async start(): Promise<void> {
    const { kafka, groupId } = this.options;
    const consumer = kafka.consumer({
      ...this.options.consumer,
      groupId,
      allowAutoTopicCreation: false,
    });
    const admin = kafka.admin();
    this.consumer = consumer;
    this.admin = admin;
    const positions = new PartitionPositions({
      store: this.options.offsetStore,
      groupId,
      contractTopic: (kafkaTopic) => this.contractTopic(kafkaTopic),
      earliestOffsets: (kafkaTopic) => this.earliestOffsets(admin, kafkaTopic),
      seek: (position) => consumer.seek(position),
    });
    this.positions = positions;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) =>
      positions.onAssigned(payload.memberAssignment),
    );
    await admin.connect();
    await consumer.connect();
    await consumer.subscribe({ topics: this.subscribedTopics(), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload, positions),
    });
    this.lag = this.startLagReporter(admin);
  }

  /** With `metrics`: the lag gauges, refreshed on an interval and after each batch. */
  private startLagReporter(admin: Admin): LagReporter | undefined {
    const { metrics, groupId, offsetStore } = this.options;
    if (!metrics) return undefined;
    const topics = this.subscribedTopics().map((kafkaTopic) => ({
      kafkaTopic,
      topic: this.contractTopic(kafkaTopic),
    }));
    const reporter = new LagReporter({
      metrics,
      groupId,
      store: offsetStore,
      admin,
      topics,
      refreshMs: this.options.lagRefreshMs ?? DEFAULT_LAG_REFRESH_MS,
      onRefreshFailed: (error) =>
        this.logger.debug({ msg: 'consumer lag not refreshed', error: describeError(error) }),
    });
    reporter.start();
    return reporter;
  }

  private subscribedTopics(): string[] {
    const patterns = [...this.getHandlers().keys()];
    const unknown = patterns.filter((pattern) => !CONTRACT_TOPICS.has(pattern));
    if (unknown.length > 0) {
      throw new Error(
        `@BatchPattern on topics that are not contract topics: ${unknown.join(', ')}`,
      );
    }
    if (patterns.length === 0) throw new Error('BatchConsumerServer has no @BatchPattern handler');
    return patterns.map((pattern) => topicName(pattern as TopicName, this.prefix));
  }

  private contractTopic(kafkaTopic: string): TopicName {
    const base = kafkaTopic.startsWith(this.prefix) ? kafkaTopic.slice(this.prefix.length) : '';
    if (!CONTRACT_TOPICS.has(base)) throw new Error(`not a subscribed topic: ${kafkaTopic}`);
    return base as TopicName;
  }

  private async earliestOffsets(admin: Admin, kafkaTopic: string): Promise<Map<number, string>> {
    const offsets = await admin.fetchTopicOffsets(kafkaTopic);
    return new Map(offsets.map(({ partition, low }) => [partition, low]));
  }

  private async onBatch(payload: EachBatchPayload, positions: PartitionPositions): Promise<void> {
    const { batch } = payload;
    const from = await positions.position(batch.topic, batch.partition);
    // A seek to the stored position is pending: these messages come from before it.
    if (payload.isStale() || !payload.isRunning()) return;
    const topic = this.contractTopic(batch.topic);
    const origin = { topic, kafkaTopic: batch.topic, partition: batch.partition };
    const consumed = shapeBatch(origin, batch.messages, from);
    if (!consumed) {
      const applied = highestOffset(batch.messages);
      if (applied !== undefined) payload.resolveOffset(applied);
      return;
    }
    const started = performance.now();
    const outcome = await inBatchSpan(consumed, this.options.groupId, () =>
      this.deliverUntilApplied(consumed, payload, positions),
    );
    if (outcome === 'moved') return;
    this.options.metrics?.batch?.(this.options.groupId, topic, (performance.now() - started) / 1e3);
    payload.resolveOffset(consumed.lastOffset);
    positions.advance(batch.topic, batch.partition, consumed.nextOffset);
    this.lag?.batchApplied(consumed, batch.highWatermark);
    await this.mirrorToGroup(batch.topic, batch.partition, consumed.nextOffset);
    await payload.heartbeat();
  }

  /** Commits the applied position to the group in Kafka, for lag monitors only (see above). */
  private async mirrorToGroup(topic: string, partition: number, offset: string): Promise<void> {
    try {
      await this.consumer?.commitOffsets([{ topic, partition, offset }]);
    } catch (error) {
      this.logger.debug({
        msg: 'mirror commit of the applied offset failed; the next batch commits again',
        topic,
        partition,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /**
   * Hands the batch to its handler until it succeeds; gives up only when the partition goes, or
   * when the stored position has moved away from the batch (another writer applied it, or the
   * store was switched to a rebuilt generation): then the consumer seeks to the stored position.
   */
  private async deliverUntilApplied(
    batch: ConsumedBatch,
    payload: EachBatchPayload,
    positions: PartitionPositions,
  ): Promise<'applied' | 'moved'> {
    const handler = this.getHandlerByPattern(batch.topic);
    if (!handler) throw new Error(`no @BatchPattern handler for ${batch.topic}`);
    const context = new BatchContext([batch, () => payload.heartbeat()]);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.withHeartbeat(payload, () => this.invoke(handler, batch, context));
        return 'applied';
      } catch (error) {
        this.logFailure(batch, attempt, error);
        this.options.onRetry?.(batch, attempt);
        // Revoked or stopping: nothing was resolved, so the next owner starts from the store.
        if (payload.isStale() || !payload.isRunning()) throw error;
        if (await positions.reloadIfMoved(batch.kafkaTopic, batch.partition, batch.firstOffset)) {
          return 'moved';
        }
        await delay(backoffDelay(attempt, this.backoff), undefined, {
          signal: this.stopping.signal,
        });
        await payload.heartbeat();
      }
    }
  }

  private async invoke(
    handler: MessageHandler,
    batch: ConsumedBatch,
    context: BatchContext,
  ): Promise<void> {
    const result: unknown = await handler(batch, context);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
  }

  /** Heartbeats while `work` runs, so that a long batch does not cost the group membership. */
  private async withHeartbeat(payload: EachBatchPayload, work: () => Promise<void>): Promise<void> {
    const interval = this.options.heartbeatIntervalMs ?? 3_000;
    // A failed heartbeat (a rebalance) surfaces at the heartbeat after the batch.
    const timer = setInterval(() => void payload.heartbeat().catch(() => undefined), interval);
    try {
      await work();
    } finally {
      clearInterval(timer);
    }
  }

  private logFailure(batch: ConsumedBatch, attempt: number, error: unknown): void {
    this.logger.warn({
      msg: 'batch handler failed; retrying the same batch',
      topic: batch.kafkaTopic,
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      lastOffset: batch.lastOffset,
      attempt,
      error: describeError(error),
    });
  }
}

/** Nest's RPC exception filter rejects with `{ status, message }`, not with an Error. */
function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String(error.message);
  }
  return String(error);
}
