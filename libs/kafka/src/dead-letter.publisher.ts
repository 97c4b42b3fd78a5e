import { randomUUID } from 'node:crypto';
import { DeadLetter, TOPICS } from '@donations/contracts';
import { BatchingProducer } from './batching-producer';

export interface DeadLetterInput {
  reason: string;
  message: string;
  originalBytes: Buffer;
  originalKey?: string;
  originalTopic?: string;
  originalPartition?: number;
  originalOffset?: string;
  headers?: Record<string, string>;
  correlationId?: string;
}

/** Writes rejected input to donations.dlq: the original bytes and a stable reason code. */
export class DeadLetterPublisher {
  constructor(
    private readonly producer: BatchingProducer,
    private readonly source: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async publish(input: DeadLetterInput): Promise<void> {
    const value: DeadLetter = {
      reason: input.reason,
      message: input.message.slice(0, 2000),
      source: this.source,
      originalTopic: input.originalTopic,
      originalKey: input.originalKey,
      originalPartition: input.originalPartition,
      originalOffset: input.originalOffset,
      originalValueBase64: input.originalBytes.toString('base64'),
      headers: input.headers,
      receivedAt: this.clock().toISOString(),
      correlationId: input.correlationId,
    };
    await this.producer.send([
      {
        topic: TOPICS.dlq,
        messages: [
          {
            key: input.originalKey ?? `${this.source}:${randomUUID()}`,
            value,
            correlationId: input.correlationId,
          },
        ],
      },
    ]);
  }
}
