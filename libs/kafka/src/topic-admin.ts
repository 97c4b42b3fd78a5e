import { Admin, ITopicConfig } from 'kafkajs';
import { TOPIC_SPECS, TopicName, topicName } from '@donations/contracts';

export interface TopicCreation {
  created: string[];
  existing: string[];
}

/** kafkajs topic config for one of the project's topics, as design.md's topic table says. */
export function topicConfig(base: TopicName, prefix = '', replicationFactor = 1): ITopicConfig {
  const spec = TOPIC_SPECS[base];
  const configEntries = [
    { name: 'cleanup.policy', value: spec.cleanupPolicy },
    { name: 'min.insync.replicas', value: String(Math.min(2, replicationFactor)) },
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
    await admin.createTopics({ topics: missing, waitForLeaders: true });
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
