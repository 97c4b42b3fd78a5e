import { BatchSize, BoundedBatcher, WhenFull } from './bounded-batcher';
import { AnyTopicBatch, TypedProducer } from './typed-producer';
import { KafkaUnavailableError } from './kafka.errors';
import { encodedSizeOf, topicBatchOverhead } from './message-size';
import { withTraceContext } from './trace-context';

export interface BatchingProducerOptions {
  /** Most messages one sendBatch carries; a fuller queue flushes in several requests. */
  maxBatchMessages?: number;
  /**
   * Most encoded bytes one sendBatch carries: below the broker's message.max.bytes and the usual
   * max.request.size (1 MiB by default), so no request is refused for its size. A caller's
   * messages over it go in several requests (a single larger message goes alone).
   */
  maxBatchBytes?: number;
  /** Most messages waiting for a request; a caller beyond it gets KafkaUnavailableError at once. */
  maxQueuedMessages?: number;
  /** Most encoded bytes waiting for a request; beyond it, KafkaUnavailableError at once. */
  maxQueuedBytes?: number;
  /**
   * A caller whose messages are not acknowledged within this time gets KafkaUnavailableError;
   * those of its messages not yet sent are dropped, never sent later.
   */
  ackTimeoutMs?: number;
}

export const BATCHING_PRODUCER_DEFAULTS: Required<BatchingProducerOptions> = {
  maxBatchMessages: 2_000,
  maxBatchBytes: 768 * 1024,
  maxQueuedMessages: 20_000,
  maxQueuedBytes: 32 * 1024 * 1024,
  ackTimeoutMs: 5_000,
};

/** Messages of one caller that go in one request, with what they weigh. */
interface Part {
  readonly batches: AnyTopicBatch[];
  readonly size: BatchSize;
}

/**
 * Gathers the batches of concurrent callers into one sendBatch (kafkajs sends each send() as its
 * own request and has no linger), and resolves each caller only after its messages are
 * acknowledged (acks=all). Requests are capped by count and bytes, the waiting messages too.
 */
export class BatchingProducer {
  private readonly batcher: BoundedBatcher<Part>;
  private readonly options: Required<BatchingProducerOptions>;

  constructor(
    private readonly producer: TypedProducer,
    options: BatchingProducerOptions = {},
  ) {
    this.options = { ...BATCHING_PRODUCER_DEFAULTS, ...withoutUndefined(options) };
    const { maxBatchMessages, maxBatchBytes, maxQueuedMessages, maxQueuedBytes } = this.options;
    this.batcher = new BoundedBatcher<Part>({
      flush: async (take) => {
        try {
          // The parts are taken at the request's turn: until then (another lane's request on
          // the wire, a reconnect) they still wait, and a caller's timeout drops them.
          await producer.sendBatch(() => mergeByTopic(take().flatMap((part) => part.batches)));
        } catch (error) {
          throw new KafkaUnavailableError('Kafka did not acknowledge the batch', { cause: error });
        }
      },
      sizeOf: (part) => part.size,
      maxBatch: { count: maxBatchMessages, bytes: maxBatchBytes },
      maxQueued: { count: maxQueuedMessages, bytes: maxQueuedBytes },
      busy: () => new KafkaUnavailableError('the producer queue is full; retry later'),
      expired: (ms) => new KafkaUnavailableError(`no acknowledgement from Kafka within ${ms} ms`),
    });
  }

  /**
   * Another queue on the same producer, with its own bounds: its requests never carry this one's
   * messages (the dead letters' lane keeps hostile bytes out of accepted events' requests).
   */
  lane(options: BatchingProducerOptions = {}): BatchingProducer {
    return new BatchingProducer(this.producer, { ...this.options, ...withoutUndefined(options) });
  }

  /**
   * Resolves when every message of `batches` is durable in Kafka. While the waiting messages are
   * at their bound the caller gets KafkaUnavailableError at once, or with `whenFull: 'wait'`
   * waits for room within the ack timeout (for messages in memory anyway, e.g. a consumer's).
   */
  send(batches: AnyTopicBatch[], { whenFull }: { whenFull?: WhenFull } = {}): Promise<void> {
    const { maxBatchBytes, maxBatchMessages, ackTimeoutMs } = this.options;
    // The caller's trace context goes with its messages: the request leaves from another.
    const parts = partsOf(withTraceContext(batches), maxBatchBytes, maxBatchMessages);
    return this.batcher.submit(parts, ackTimeoutMs, whenFull);
  }

  /** Messages and bytes waiting for a request. */
  get waiting(): BatchSize {
    return this.batcher.waiting;
  }
}

/** The caller's messages in order, cut into parts of at most `maxBytes` and `maxCount`. */
function partsOf(batches: AnyTopicBatch[], maxBytes: number, maxCount: number): Part[] {
  const parts: Part[] = [];
  let current = new Map<string, AnyTopicBatch>();
  let count = 0;
  let bytes = 0;
  const close = () => {
    if (count > 0) parts.push({ batches: [...current.values()], size: { count, bytes } });
    current = new Map();
    count = 0;
    bytes = 0;
  };
  for (const batch of batches) {
    for (const message of batch.messages) {
      const size = encodedSizeOf(message);
      const opening = current.has(batch.topic) ? 0 : topicBatchOverhead(batch);
      if (count > 0 && (bytes + size + opening > maxBytes || count + 1 > maxCount)) close();
      let target = current.get(batch.topic);
      if (target === undefined) {
        const created: AnyTopicBatch = { ...batch, messages: [] };
        current.set(batch.topic, created);
        target = created;
        bytes += topicBatchOverhead(batch);
      }
      (target.messages as unknown[]).push(message);
      count += 1;
      bytes += size;
    }
  }
  close();
  return parts;
}

function mergeByTopic(batches: AnyTopicBatch[]): AnyTopicBatch[] {
  const byTopic = new Map<string, AnyTopicBatch>();
  for (const batch of batches) {
    const existing = byTopic.get(batch.topic);
    if (existing) {
      (existing.messages as unknown[]).push(...batch.messages);
    } else {
      byTopic.set(batch.topic, { ...batch, messages: [...batch.messages] } as AnyTopicBatch);
    }
  }
  return [...byTopic.values()];
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}
