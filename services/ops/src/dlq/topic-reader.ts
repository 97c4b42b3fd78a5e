import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface TopicMessage {
  partition: number;
  offset: string;
  value: Buffer | null;
}

export interface ReadProgress {
  total: number;
  read(count: number): void;
}

/**
 * Every message of a topic up to its log end as of the call, in a throw-away consumer group
 * (deleted afterwards) that commits nothing: reading never moves a service's offsets.
 */
export async function readTopic(
  kafka: Kafka,
  topic: string,
  progress: (total: number) => ReadProgress,
): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = new Map<number, bigint>();
    let total = 0n;
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
      total += BigInt(high) - BigInt(low);
    }
    const reporter = progress(Number(total));
    if (ends.size === 0) return [];
    const groupId = `ops-read-${randomUUID()}`;
    try {
      return await consumeUntil(kafka, topic, groupId, ends, reporter);
    } finally {
      await admin.deleteGroups([groupId]).catch(() => undefined);
    }
  } finally {
    await admin.disconnect();
  }
}

async function consumeUntil(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ends: Map<number, bigint>,
  progress: ReadProgress,
): Promise<TopicMessage[]> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  const messages: TopicMessage[] = [];
  const remaining = new Set(ends.keys());
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      consumer
        .run({
          autoCommit: false,
          eachBatch: async ({ batch }) => {
            const end = ends.get(batch.partition) ?? 0n;
            const kept = batch.messages.filter((message) => BigInt(message.offset) < end);
            for (const { offset, value } of kept) {
              messages.push({ partition: batch.partition, offset, value });
            }
            progress.read(kept.length);
            if (BigInt(batch.lastOffset()) + 1n >= end) remaining.delete(batch.partition);
            if (remaining.size === 0) resolve();
            await Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return messages.sort(
    (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  );
}
