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

/** One kafkajs producer (one producer id) and the sends it carries. */
interface Generation {
  readonly producer: Producer;
  connecting?: Promise<void>;
  inFlight: number;
  /** A send failed: the next send goes through a new producer id. */
  failed: boolean;
  /** Resolves when inFlight drops to 0 (set while someone waits for it). */
  drained?: () => void;
}

/**
 * The only way services write to Kafka: an idempotent producer with acks=all, whose payload type
 * is checked against the topic (publishing a wrong payload on a topic is a compile error).
 *
 * After a send that failed, the next send goes through a new producer (a new producer id).
 * kafkajs rolls its sequence numbers back when a request fails, but the broker may have written
 * that batch all the same (the leader died after its followers had it): the next batch would
 * reuse those sequence numbers under the same producer id, and be taken for a duplicate
 * (acknowledged, never written) or refused as out of order on every later send.
 */
export class TypedProducer {
  private readonly createProducer: () => Producer;
  private current: Generation;
  private replacing?: Promise<Generation>;

  /**
   * `producer`: a kafkajs producer (after a failure it is disconnected and connected again,
   * which gets it a new producer id), or a factory of new ones (what `create` passes).
   */
  constructor(
    producer: Producer | (() => Producer),
    private readonly prefix = '',
  ) {
    this.createProducer = typeof producer === 'function' ? producer : () => producer;
    this.current = { producer: this.createProducer(), inFlight: 0, failed: false };
  }

  /**
   * `retries` bounds how long one send keeps retrying while the broker is away (kafkajs'
   * idempotent default retries forever). Callers that answer a platform set it low and let the
   * platform's own retry be the buffer; the event id makes its redelivery harmless.
   */
  static create(kafka: Kafka, prefix = '', { retries }: { retries?: number } = {}): TypedProducer {
    return new TypedProducer(
      () =>
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

  /** Connects once; a failed attempt is retried by the next send (a service may boot before Kafka). */
  async connect(): Promise<void> {
    await this.ready();
  }

  async disconnect(): Promise<void> {
    const generation = this.current;
    generation.connecting = undefined;
    await generation.producer.disconnect();
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
    const generation = await this.ready();
    generation.inFlight += 1;
    try {
      return await generation.producer.sendBatch({
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
    } catch (error) {
      generation.failed = true;
      throw error;
    } finally {
      generation.inFlight -= 1;
      if (generation.inFlight === 0) generation.drained?.();
    }
  }

  /** The connected generation to send with: a new one after a failed send. */
  private async ready(): Promise<Generation> {
    while (this.current.failed) {
      this.replacing ??= this.replace(this.current).finally(() => (this.replacing = undefined));
      await this.replacing;
    }
    const generation = this.current;
    generation.connecting ??= generation.producer.connect().catch((error: unknown) => {
      generation.connecting = undefined;
      throw error;
    });
    await generation.connecting;
    return generation;
  }

  /**
   * Retires `old` once the sends it carries have settled (they keep their order ahead of the
   * new producer's), then makes a new producer current. Its connect asks for a new producer id.
   */
  private async replace(old: Generation): Promise<Generation> {
    if (old.inFlight > 0) {
      await new Promise<void>((resolveDrained) => (old.drained = resolveDrained));
    }
    await old.producer.disconnect().catch(() => undefined);
    this.current = { producer: this.createProducer(), inFlight: 0, failed: false };
    return this.current;
  }
}

function withCorrelation(
  headers: IHeaders | undefined,
  correlationId: string | undefined,
): IHeaders {
  return correlationId ? { ...headers, [CORRELATION_ID_HEADER]: correlationId } : { ...headers };
}
