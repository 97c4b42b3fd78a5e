import { CompressionTypes, IHeaders, Kafka, Producer, RecordMetadata } from 'kafkajs';
import { TopicName, TopicPayloads, topicName } from '@donations/contracts';

export const CORRELATION_ID_HEADER = 'x-correlation-id';

export interface TypedMessage<T extends TopicName> {
  key: string;
  value: TopicPayloads[T];
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
 */
export class TypedProducer {
  constructor(
    private readonly producer: Producer,
    private readonly prefix = '',
  ) {}

  /**
   * `retries` bounds how long one send keeps retrying while the broker is away (kafkajs'
   * idempotent default retries forever). Callers that answer a platform set it low and let the
   * platform's own retry be the buffer; the event id makes its redelivery harmless.
   */
  static create(kafka: Kafka, prefix = '', { retries }: { retries?: number } = {}): TypedProducer {
    return new TypedProducer(
      kafka.producer({
        idempotent: true,
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

  private connecting?: Promise<void>;

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

  /** Several topics in one request: one round trip, one acknowledgement. */
  async sendBatch(batches: AnyTopicBatch[]): Promise<RecordMetadata[]> {
    await this.connect();
    return this.producer.sendBatch({
      acks: -1,
      compression: CompressionTypes.None,
      topicMessages: batches.map(({ topic, messages }) => ({
        topic: topicName(topic, this.prefix),
        messages: messages.map((message) => ({
          key: message.key,
          value: JSON.stringify(message.value),
          headers: withCorrelation(message.headers, message.correlationId),
        })),
      })),
    });
  }
}

function withCorrelation(
  headers: IHeaders | undefined,
  correlationId: string | undefined,
): IHeaders {
  return correlationId ? { ...headers, [CORRELATION_ID_HEADER]: correlationId } : { ...headers };
}
