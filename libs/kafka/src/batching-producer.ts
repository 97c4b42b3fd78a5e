import { NaturalBatcher } from './natural-batcher';
import { AnyTopicBatch, TypedProducer } from './typed-producer';
import { KafkaUnavailableError } from './kafka.errors';

export interface BatchingProducerOptions {
  /** Most messages one sendBatch carries; a fuller queue flushes in several requests. */
  maxBatchMessages?: number;
  /** A caller whose batch is not acknowledged within this time gets KafkaUnavailableError. */
  ackTimeoutMs?: number;
}

/**
 * Gathers the batches of concurrent callers into one sendBatch (kafkajs sends each send() as its
 * own request and has no linger), and resolves each caller only after its messages are
 * acknowledged (acks=all).
 */
export class BatchingProducer {
  private readonly batcher: NaturalBatcher<AnyTopicBatch[]>;
  private readonly ackTimeoutMs: number;

  constructor(producer: TypedProducer, options: BatchingProducerOptions = {}) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
    this.batcher = new NaturalBatcher(
      async (items) => {
        try {
          await producer.sendBatch(mergeByTopic(items.flat()));
        } catch (error) {
          throw new KafkaUnavailableError('Kafka did not acknowledge the batch', { cause: error });
        }
      },
      options.maxBatchMessages ?? 2_000,
      (batches) => batches.reduce((sum, batch) => sum + batch.messages.length, 0),
    );
  }

  /** Resolves when every message of `batches` is durable in Kafka. */
  send(batches: AnyTopicBatch[]): Promise<void> {
    return withTimeout(this.batcher.submit(batches), this.ackTimeoutMs);
  }
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

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new KafkaUnavailableError(`no acknowledgement from Kafka within ${ms} ms`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
