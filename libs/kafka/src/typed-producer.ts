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

  static create(kafka: Kafka, prefix = ''): TypedProducer {
    return new TypedProducer(
      kafka.producer({
        idempotent: true,
        // kafkajs keeps ordering with the idempotent producer only with one request in flight.
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
      }),
      prefix,
    );
  }

  connect(): Promise<void> {
    return this.producer.connect();
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
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
