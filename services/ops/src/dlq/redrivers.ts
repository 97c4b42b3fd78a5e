import type { Kafka, Producer } from 'kafkajs';
import type { Platform } from '@donations/contracts';
import { OperatorClient } from '../adapters/operator-client';
import type { DlqEntry } from './dlq-entry';
import type { Redrivers } from './dlq-redrive';

/**
 * Adapter letters go to their adapter's `POST /operator/redrive`; consumer letters' original
 * bytes go back to their topic with their key and headers (acks=all, idempotent producer).
 */
export function liveRedrivers(
  kafka: Kafka,
  urls: Record<Platform, string>,
  token: string,
  actor: string,
): Redrivers & { close(): Promise<void> } {
  let producer: Producer | undefined;
  return {
    adapter: (platform: Platform, entry: DlqEntry) => {
      const { letter } = entry;
      return new OperatorClient(urls[platform], token, actor).redrive({
        bodyBase64: letter.originalValueBase64,
        headers: letter.headers ?? {},
        receivedAt: letter.receivedAt,
        correlationId: letter.correlationId ?? `dlq-${entry.partition}-${entry.offset}`,
      });
    },
    republish: async (topic: string, key: string | null, entry: DlqEntry) => {
      if (producer === undefined) {
        producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
        await producer.connect();
      }
      const { letter } = entry;
      await producer.send({
        topic,
        acks: -1,
        messages: [
          {
            key,
            value: Buffer.from(letter.originalValueBase64, 'base64'),
            headers: { ...letter.headers, 'x-redriven-from': `${entry.topic}:${entry.id}` },
          },
        ],
      });
    },
    close: async () => {
      await producer?.disconnect();
    },
  };
}
