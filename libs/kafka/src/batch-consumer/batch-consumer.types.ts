import type { Kafka, ConsumerConfig } from 'kafkajs';
import type { TopicName } from '@donations/contracts';
import type { BackoffOptions } from './backoff';
import type { ConsumerMetrics } from './lag-reporter';

/** One Kafka message as the handler receives it: decoding and validation are the handler's. */
export interface ConsumedMessage {
  key: string | null;
  /** The raw bytes, verbatim (a dead letter carries them unchanged). */
  value: Buffer | null;
  offset: string;
  headers: Record<string, string>;
  /** Broker or producer timestamp, epoch milliseconds as a string. */
  timestamp: string;
}

/** A run of consecutive messages of one partition, in offset order. */
export interface ConsumedBatch<T extends TopicName = TopicName> {
  /** The contract topic (the handler's pattern), without the deployment's prefix. */
  topic: T;
  /** The topic's name on the broker (prefix included). */
  kafkaTopic: string;
  partition: number;
  messages: ConsumedMessage[];
  firstOffset: string;
  lastOffset: string;
  /** The offset to store with the batch's effect: lastOffset + 1. */
  nextOffset: string;
}

/**
 * Where the consumer's progress is kept: in the same transaction as the handler's effect
 * (PostgreSQL for the aggregator, Redis for statistics). On partition assignment the server
 * seeks every assigned partition to the stored next offset; one with none starts at the earliest.
 */
export interface OffsetStore {
  /** The next offset to consume per partition; partitions without stored progress are absent. */
  load(groupId: string, topic: TopicName, partitions: number[]): Promise<Map<number, string>>;
}

export interface BatchConsumerServerOptions {
  /** The process's kafkajs client (createKafkaClient). */
  kafka: Kafka;
  groupId: string;
  /** The deployment's topic prefix (config TOPIC_PREFIX); '' in production. */
  topicPrefix?: string;
  offsetStore: OffsetStore;
  /** Backoff between attempts of a failing batch (retried until it succeeds, never skipped). */
  retry?: Partial<BackoffOptions>;
  /** How many partitions' batches are handled at the same time (default 1). */
  partitionsConsumedConcurrently?: number;
  /** How often to heartbeat while a handler runs (ms, default 3000). */
  heartbeatIntervalMs?: number;
  /** Told of every failed attempt of a batch (a metric); the batch is then retried or moved. */
  onRetry?: (batch: ConsumedBatch, attempt: number) => void;
  /**
   * Events applied and consumer lag per partition, for /metrics (libs/observability
   * ConsumerMetrics): updated after each batch and every `lagRefreshMs`.
   */
  metrics?: ConsumerMetrics;
  /** How often every partition's lag is read from the store and the log ends (ms, default 5000). */
  lagRefreshMs?: number;
  /** Further kafkajs consumer settings (session timeout, fetch sizes, ...). */
  consumer?: Omit<ConsumerConfig, 'groupId' | 'allowAutoTopicCreation'>;
}
