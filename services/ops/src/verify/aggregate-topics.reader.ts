import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import {
  CampaignTotalsV1,
  CharityRollupV1,
  parseTopicPayload,
  TOPICS,
  topicName,
} from '@donations/contracts';
import { KeyFigures } from './figures';
import { topicFigures } from './source-figures';

type AggregateTopic = typeof TOPICS.campaignTotals | typeof TOPICS.charityRollups;

export interface TopicFigures {
  readonly figures: Map<string, KeyFigures>;
  /** Messages read; those that are not a valid message of the topic are counted apart. */
  readonly read: number;
  readonly unreadable: number;
}

/**
 * The latest message per key (the highest version) of an aggregate topic, read from the
 * beginning up to the log end as of the call, as a dashboard starting now would see it. Kept as
 * figures, one per key, not the messages: a topic not compacted yet may hold many per key. A
 * throw-away consumer group (deleted afterwards) that commits nothing.
 */
export async function readAggregateTopic(
  kafka: Kafka,
  base: AggregateTopic,
  prefix: string,
): Promise<TopicFigures> {
  const topic = topicName(base, prefix);
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `ops-verify-${randomUUID()}`;
  try {
    const ends = new Map<number, bigint>();
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
    }
    const latest = new Latest(base);
    if (ends.size > 0) await consumeUntil(kafka, topic, groupId, ends, latest);
    return latest.result();
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Keeps, per key, the figures of the message with the highest version. */
class Latest {
  private readonly versions = new Map<string, number>();
  private readonly figures = new Map<string, KeyFigures>();
  private read = 0;
  private unreadable = 0;

  constructor(private readonly base: AggregateTopic) {}

  take(value: Buffer | null): void {
    this.read += 1;
    if (value === null) return; // a tombstone: nothing to compare
    const parsed = parseTopicPayload(this.base, safeJson(value.toString('utf8')));
    if (!parsed.ok) {
      this.unreadable += 1;
      return;
    }
    const message: CampaignTotalsV1 | CharityRollupV1 = parsed.value;
    const key = 'campaignId' in message ? message.campaignId : message.charityId;
    if (message.version <= (this.versions.get(key) ?? 0)) return;
    this.versions.set(key, message.version);
    const count = 'campaignCount' in message ? message.campaignCount : undefined;
    this.figures.set(key, topicFigures(message.totals, count));
  }

  result(): TopicFigures {
    return { figures: this.figures, read: this.read, unreadable: this.unreadable };
  }
}

async function consumeUntil(
  kafka: Kafka,
  topic: string,
  groupId: string,
  ends: Map<number, bigint>,
  latest: Latest,
): Promise<void> {
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
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
            for (const message of batch.messages) {
              if (BigInt(message.offset) < end) latest.take(message.value);
            }
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
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
