import { AnyTopicBatch, TypedProducer } from './typed-producer';
import { KafkaUnavailableError } from './kafka.errors';

export interface BatchingProducerOptions {
  /** Most messages one sendBatch carries; a fuller queue flushes in several requests. */
  maxBatchMessages?: number;
  /** A caller whose batch is not acknowledged within this time gets KafkaUnavailableError. */
  ackTimeoutMs?: number;
}

interface Pending {
  batches: AnyTopicBatch[];
  size: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Gathers the batches of concurrent callers into one sendBatch (kafkajs sends each send() as its
 * own request and has no linger), and resolves each caller only after its messages are
 * acknowledged (acks=all). While one request is in flight the next one fills up, so the batch
 * size follows the load: one message when idle, hundreds under a burst.
 */
export class BatchingProducer {
  private queue: Pending[] = [];
  private inFlight = false;
  private readonly maxBatchMessages: number;
  private readonly ackTimeoutMs: number;

  constructor(
    private readonly producer: TypedProducer,
    options: BatchingProducerOptions = {},
  ) {
    this.maxBatchMessages = options.maxBatchMessages ?? 2_000;
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5_000;
  }

  /** Resolves when every message of `batches` is durable in Kafka. */
  send(batches: AnyTopicBatch[]): Promise<void> {
    const size = batches.reduce((sum, batch) => sum + batch.messages.length, 0);
    const acked = new Promise<void>((resolve, reject) => {
      this.queue.push({ batches, size, resolve, reject });
    });
    this.schedule();
    return withTimeout(acked, this.ackTimeoutMs);
  }

  private schedule(): void {
    if (this.inFlight || this.queue.length === 0) return;
    this.inFlight = true;
    // Let the callers of this tick join the batch before it goes out.
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const taken = this.take();
    try {
      await this.producer.sendBatch(mergeByTopic(taken.flatMap((pending) => pending.batches)));
      taken.forEach((pending) => pending.resolve());
    } catch (error) {
      const failure = new KafkaUnavailableError('Kafka did not acknowledge the batch', {
        cause: error,
      });
      taken.forEach((pending) => pending.reject(failure));
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  private take(): Pending[] {
    const taken: Pending[] = [];
    let messages = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      if (taken.length > 0 && messages + next.size > this.maxBatchMessages) break;
      taken.push(next);
      messages += next.size;
      this.queue.shift();
    }
    return taken;
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
