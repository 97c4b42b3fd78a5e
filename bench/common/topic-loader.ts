import { CompressionTypes, Kafka } from 'kafkajs';
import { DonationMessage, DonationStream } from './donation-stream';

export interface LoadOptions {
  /** Messages per produce request (each spread over the topic's partitions). */
  chunk?: number;
  /** Produce requests in flight at once. */
  inFlight?: number;
}

/** Where the messages come from: a DonationStream, or a stream derived from one. */
export type MessageSource = Pick<DonationStream, 'next'>;

export interface LoadResult {
  messages: number;
  elapsedMs: number;
}

/**
 * Produces the whole stream onto `topic` as fast as the broker takes it: big batches, several
 * requests in flight, acks from the leader (the bench's own data; the services' producers use
 * acks=all). Keyed by campaignId with kafkajs' default partitioner, as the adapters produce.
 */
export async function loadTopic(
  kafka: Kafka,
  topic: string,
  stream: MessageSource,
  { chunk = 10_000, inFlight = 4 }: LoadOptions = {},
): Promise<LoadResult> {
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: false });
  await producer.connect();
  const started = performance.now();
  let messages = 0;
  let failure: Error | undefined;
  const pending = new Set<Promise<void>>();
  try {
    for (let batch = stream.next(chunk); batch.length > 0; batch = stream.next(chunk)) {
      messages += batch.length;
      const sent: Promise<void> = send(producer, topic, batch).then(
        () => void pending.delete(sent),
        (error: unknown) =>
          void (failure ??= error instanceof Error ? error : new Error(String(error))),
      );
      pending.add(sent);
      if (pending.size >= inFlight) await Promise.race(pending);
      if (failure !== undefined) throw failure;
    }
    await Promise.all(pending);
    if (failure !== undefined) throw failure;
  } finally {
    await producer.disconnect();
  }
  return { messages, elapsedMs: performance.now() - started };
}

function send(
  producer: ReturnType<Kafka['producer']>,
  topic: string,
  messages: DonationMessage[],
): Promise<unknown> {
  return producer.send({ topic, messages, acks: 1, compression: CompressionTypes.None });
}
