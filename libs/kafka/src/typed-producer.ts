import { CompressionTypes, IHeaders, Kafka, Producer, RecordMetadata } from 'kafkajs';
import { TopicName, TopicPayloads, topicName } from '@donations/contracts';
import {
  PartitionChoices,
  recordingPartitioner,
  TopicMessages,
  unacknowledged,
} from './acknowledged-partitions';
import { withTraceContext } from './trace-context';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

/** What the service logs (through kafkajs' logger) when a send is completed by a second request. */
export const UNACKNOWLEDGED_SENT_AGAIN =
  'send resolved with partitions unacknowledged (leader moved); sending those messages again';

export interface TypedMessage<T extends TopicName> {
  key: string;
  value: TopicPayloads[T];
  /** An explicit partition; by default the partitioner picks one from the key. */
  partition?: number;
  headers?: IHeaders;
  correlationId?: string;
}

export interface TopicBatch<T extends TopicName> {
  topic: T;
  messages: TypedMessage<T>[];
}

/** A batch for any one topic, its messages typed by that topic. */
export type AnyTopicBatch = { [T in TopicName]: TopicBatch<T> }[TopicName];

/**
 * The only way services write to Kafka: an idempotent producer with acks=all, whose payload type
 * is checked against the topic (publishing a wrong payload on a topic is a compile error).
 *
 * After a send that failed, the next send goes through a new producer id. kafkajs rolls its
 * sequence numbers back when a request fails, but the broker may have written that batch all the
 * same (the leader died after its followers had it): the next batch would reuse those sequence
 * numbers under the same producer id and be taken for a duplicate (acknowledged, never written),
 * or be refused as out of order, it and every later one. So sends go one at a time (a send
 * queued behind one that fails must not take the rolled-back numbers), and a failed send retires
 * its producer.
 *
 * A send resolves only once every partition it wrote to has acknowledged: kafkajs can resolve a
 * send that left a partition unwritten when that partition's leader moved, during the send, to a
 * broker that had already answered (see `unacknowledged`). Those messages are sent again by the
 * same producer: kafkajs rolled their sequence numbers back, so the new leader writes them, or
 * acknowledges them as duplicates if the old leader's follower had them already.
 */
export class TypedProducer {
  private readonly createProducer: () => Producer;
  private producer: Producer;
  /** The partition of each message being sent (by the producers `create` makes). */
  private readonly choices: PartitionChoices = new WeakMap();
  private connecting?: Promise<void>;
  /** The last send failed: the next one needs a new producer id. */
  private failed = false;
  /** The send in progress, which the next one waits for. */
  private previous: Promise<unknown> = Promise.resolve();

  /**
   * `producer`: a factory of kafkajs producers (what `create` passes), or one kafkajs producer,
   * which then gets its new producer id by being disconnected and connected again.
   */
  constructor(
    producer: Producer | ((choices: PartitionChoices) => Producer),
    private readonly prefix = '',
  ) {
    this.createProducer =
      typeof producer === 'function' ? () => producer(this.choices) : () => producer;
    this.producer = this.createProducer();
  }

  /**
   * `retries` bounds how long one send keeps retrying while the broker is away (kafkajs'
   * idempotent default retries forever). Callers that answer a platform set it low and let the
   * platform's own retry be the buffer; the event id makes its redelivery harmless.
   */
  static create(kafka: Kafka, prefix = '', { retries }: { retries?: number } = {}): TypedProducer {
    return new TypedProducer(
      (choices) =>
        kafka.producer({
          idempotent: true,
          createPartitioner: recordingPartitioner(choices),
          // kafkajs keeps ordering with the idempotent producer only with one request in flight.
          maxInFlightRequests: 1,
          allowAutoTopicCreation: false,
          ...(retries === undefined
            ? {}
            : { retry: { retries, initialRetryTime: 100, maxRetryTime: 1_000 } }),
        }),
      prefix,
    );
  }

  /** Connects once; a failed attempt is retried by the next send (a service may boot before Kafka). */
  connect(): Promise<void> {
    this.connecting ??= this.producer.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    this.connecting = undefined;
    await this.producer.disconnect();
  }

  /** Resolves once every message is acknowledged by all in-sync replicas. */
  async send<T extends TopicName>(
    topic: T,
    messages: TypedMessage<T>[],
  ): Promise<RecordMetadata[]> {
    return this.sendBatch([{ topic, messages } as AnyTopicBatch]);
  }

  /**
   * Several topics in one request: one round trip, one acknowledgement. `batches` may be a
   * function, called when the request's turn comes (connected, no send of ours in flight): what
   * it returns is all that is sent (nothing when empty), so a queue can keep its messages, and
   * drop those of callers that gave up, while other sends are in flight.
   */
  sendBatch(batches: AnyTopicBatch[] | (() => AnyTopicBatch[])): Promise<RecordMetadata[]> {
    // The trace context is taken now, in the caller's; a function's batches are a queue's
    // (BatchingProducer), whose callers' contexts are in their messages already.
    const traced = typeof batches === 'function' ? batches : withTraceContext(batches);
    const sent = this.previous.then(() => this.sendNow(traced));
    this.previous = sent.catch(() => undefined);
    return sent;
  }

  private async sendNow(
    request: AnyTopicBatch[] | (() => AnyTopicBatch[]),
  ): Promise<RecordMetadata[]> {
    if (this.failed) await this.renew();
    await this.connect();
    const batches = typeof request === 'function' ? request() : request;
    if (batches.every((batch) => batch.messages.length === 0)) return [];
    try {
      return await this.sendUntilAcknowledged(
        batches.map(({ topic, messages }) => ({
          topic: topicName(topic, this.prefix),
          messages: messages.map((message) => ({
            key: message.key,
            value: JSON.stringify(message.value),
            partition: message.partition,
            headers: withCorrelation(message.headers, message.correlationId),
          })),
        })),
      );
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  /** Sends again what kafkajs resolved without an acknowledgement, while each round gains one. */
  private async sendUntilAcknowledged(topicMessages: TopicMessages[]): Promise<RecordMetadata[]> {
    const metadata: RecordMetadata[] = [];
    for (let pending = topicMessages; ;) {
      const acknowledged = await this.producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: pending,
      });
      metadata.push(...acknowledged);
      const missing = unacknowledged(pending, acknowledged, this.choices);
      if (missing.length === 0) return metadata;
      if (countOf(missing) === countOf(pending)) {
        throw new Error(`kafkajs resolved a send of ${countOf(pending)} messages unacknowledged`);
      }
      this.producer.logger().warn(UNACKNOWLEDGED_SENT_AGAIN, {
        topics: missing.map(({ topic }) => topic),
        messages: countOf(missing),
      });
      pending = missing;
    }
  }

  /** Retires the producer of the failed send; the next connect asks for a new producer id. */
  private async renew(): Promise<void> {
    const retired = this.producer;
    this.connecting = undefined;
    this.producer = this.createProducer();
    this.failed = false;
    await retired.disconnect().catch(() => undefined);
  }
}

function countOf(topicMessages: TopicMessages[]): number {
  return topicMessages.reduce((sum, { messages }) => sum + messages.length, 0);
}

function withCorrelation(
  headers: IHeaders | undefined,
  correlationId: string | undefined,
): IHeaders {
  return correlationId ? { ...headers, [CORRELATION_ID_HEADER]: correlationId } : { ...headers };
}
