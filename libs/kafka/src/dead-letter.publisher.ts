import { createHash } from 'node:crypto';
import { DeadLetter, TOPICS } from '@donations/contracts';
import { BatchingProducer, BatchingProducerOptions } from './batching-producer';

/** What is kept of bytes that failed authentication: a hash and this many leading bytes. */
export const UNAUTHENTICATED_PREFIX_BYTES = 4 * 1024;

/** The dead letters' own lane: smaller bounds than the accepted events' queue. */
export const DEAD_LETTER_LANE: BatchingProducerOptions = {
  maxQueuedMessages: 2_000,
  maxQueuedBytes: 8 * 1024 * 1024,
};

export interface DeadLetterInput {
  reason: string;
  message: string;
  originalBytes: Buffer;
  /**
   * The rejected Kafka message's key (ours, never a caller's value): the dead letter is keyed by
   * it. Without it the key is derived: `<source>:<sha256 of the bytes>`.
   */
  originalKey?: string;
  originalTopic?: string;
  originalPartition?: number;
  originalOffset?: string;
  headers?: Record<string, string>;
  correlationId?: string;
  /**
   * The bytes failed authentication (nobody we know sent them): only their SHA-256 and the first
   * UNAUTHENTICATED_PREFIX_BYTES are kept. Default: kept whole. When given (the webhook path),
   * the letter records `authenticated`: re-drivable only when true.
   */
  unauthenticated?: boolean;
}

/**
 * Writes rejected input to donations.dlq: the original bytes (a hash and a bounded prefix when
 * unauthenticated) and a stable reason code, in a lane of its own so that dead letters never
 * share a request with accepted events.
 */
export class DeadLetterPublisher {
  private readonly producer: BatchingProducer;

  constructor(
    producer: BatchingProducer,
    private readonly source: string,
    private readonly clock: () => Date = () => new Date(),
    /** Told of each letter once Kafka has it (dead_letters_written_total on /metrics). */
    private readonly onWritten: (reason: string) => void = () => undefined,
  ) {
    this.producer = producer.lane(DEAD_LETTER_LANE);
  }

  async publish(input: DeadLetterInput): Promise<void> {
    const sha256 = createHash('sha256').update(input.originalBytes).digest('hex');
    const kept = input.unauthenticated
      ? input.originalBytes.subarray(0, UNAUTHENTICATED_PREFIX_BYTES)
      : input.originalBytes;
    const value: DeadLetter = {
      reason: input.reason,
      message: input.message.slice(0, 2000),
      source: this.source,
      originalTopic: input.originalTopic,
      originalKey: input.originalKey,
      originalPartition: input.originalPartition,
      originalOffset: input.originalOffset,
      originalValueBase64: kept.toString('base64'),
      originalSize: input.originalBytes.length,
      originalSha256: sha256,
      originalTruncated: kept.length < input.originalBytes.length,
      authenticated: input.unauthenticated === undefined ? undefined : !input.unauthenticated,
      headers: input.headers,
      receivedAt: this.clock().toISOString(),
      correlationId: input.correlationId,
    };
    const message = {
      key: input.originalKey ?? `${this.source}:${sha256.slice(0, 32)}`,
      value,
      correlationId: input.correlationId,
    };
    // A full lane refuses bytes nobody vouches for at once; the others (a consumer's rejected
    // messages, an authenticated webhook) wait for room within the ack timeout.
    const whenFull = input.unauthenticated ? 'refuse' : 'wait';
    await this.producer.send([{ topic: TOPICS.dlq, messages: [message] }], { whenFull });
    this.onWritten(input.reason);
  }
}
