import { Admin, ITopicConfig } from 'kafkajs';
import { TOPIC_SPECS, TopicName, topicName } from '@donations/contracts';

export interface TopicCreation {
  created: string[];
  existing: string[];
}

/** How long ensureTopics waits for every new partition to have a leader. */
const LEADERS_TIMEOUT_MS = 60_000;

/**
 * min.insync.replicas of a topic: 2 from replication factor 3 on (an acknowledged write is on two
 * brokers, and one broker may be down), 1 below (an RF 2 topic keeps taking writes with one down).
 */
export function minInsyncReplicas(replicationFactor: number): number {
  return replicationFactor >= 3 ? 2 : 1;
}

/** kafkajs topic config for one of the project's topics, as design.md's topic table says. */
export function topicConfig(base: TopicName, prefix = '', replicationFactor = 1): ITopicConfig {
  const spec = TOPIC_SPECS[base];
  const configEntries = [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
    { name: 'min.insync.replicas', value: String(minInsyncReplicas(replicationFactor)) },
  ];
  if (spec.retentionMs !== undefined) {
    configEntries.push({ name: 'retention.ms', value: String(spec.retentionMs) });
  }
  return {
    topic: topicName(base, prefix),
    numPartitions: spec.partitions,
    replicationFactor,
    configEntries,
  };
}

/**
 * Creates the project's topics that do not exist yet (the broker's auto-creation is off) and
 * checks that existing ones have the partition count the contract says.
 */
export async function ensureTopics(
  admin: Admin,
  { prefix = '', replicationFactor = 1 }: { prefix?: string; replicationFactor?: number } = {},
): Promise<TopicCreation> {
  const wanted = (Object.keys(TOPIC_SPECS) as TopicName[]).map((base) =>
    topicConfig(base, prefix, replicationFactor),
  );
  const present = new Set(await admin.listTopics());
  const missing = wanted.filter((topic) => !present.has(topic.topic));
  if (missing.length > 0) {
    await admin.createTopics({ topics: missing, waitForLeaders: false });
    await untilLeaders(
      admin,
      missing.map((topic) => topic.topic),
    );
  }
  const existing = wanted.filter((topic) => present.has(topic.topic));
  if (existing.length > 0) {
    const metadata = await admin.fetchTopicMetadata({ topics: existing.map((t) => t.topic) });
    for (const topic of metadata.topics) {
      const expected = wanted.find((w) => w.topic === topic.name)?.numPartitions;
      if (expected !== undefined && topic.partitions.length !== expected) {
        throw new Error(
          `topic ${topic.name} has ${topic.partitions.length} partitions, the contract says ${expected}`,
        );
      }
    }
  }
  return { created: missing.map((t) => t.topic), existing: existing.map((t) => t.topic) };
}

/**
 * Waits until every partition of `topics` has a leader that serves it. kafkajs' own wait
 * (waitForLeaders) gives up when the broker it asks has not heard of a new topic yet
 * (UNKNOWN_TOPIC_OR_PARTITION), which happens on a cluster of several brokers. A leader in the
 * metadata is not enough either: a busy broker names itself leader before it has loaded the
 * partition, and answers a write with NOT_LEADER_OR_FOLLOWER meanwhile. Listing the offsets asks
 * each partition's leader itself, so it succeeds only once every leader serves its partitions.
 */
async function untilLeaders(admin: Admin, topics: string[]): Promise<void> {
  const deadline = Date.now() + LEADERS_TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const led = metadata.topics.every((topic) =>
        topic.partitions.every((partition) => partition.leader >= 0),
      );
      if (led && metadata.topics.length === topics.length) {
        await Promise.all(topics.map((topic) => admin.fetchTopicOffsets(topic)));
        return;
      }
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`the new topics have no leader after ${LEADERS_TIMEOUT_MS} ms`, {
        cause: lastError,
      });
    }
    await new Promise((resolveTick) => setTimeout(resolveTick, 100));
  }
}
