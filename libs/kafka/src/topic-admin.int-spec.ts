import { TOPIC_SPECS, TOPICS, topicName } from '@donations/contracts';
import { testKafka, uniqueSuffix } from '@donations/testing';
import { ensureTopics } from './topic-admin';

describe('ensureTopics on the real broker', () => {
  it('creates every topic with the contract partitions and cleanup policy, and is idempotent', async () => {
    const kafka = testKafka();
    const admin = kafka.admin();
    await admin.connect();
    try {
      const prefix = `t${uniqueSuffix()}.`;
      const first = await ensureTopics(admin, { prefix });
      expect(first.created).toHaveLength(Object.keys(TOPIC_SPECS).length);
      const second = await ensureTopics(admin, { prefix });
      expect(second.created).toEqual([]);

      const normalized = topicName(TOPICS.donationsNormalized, prefix);
      const totals = topicName(TOPICS.campaignTotals, prefix);
      const metadata = await admin.fetchTopicMetadata({ topics: [normalized] });
      expect(metadata.topics[0].partitions).toHaveLength(12);

      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [totals, normalized].map((name) => ({ type: 2, name })),
      });
      const policy = (name: string) =>
        configs.resources
          .find((resource) => resource.resourceName === name)
          ?.configEntries.find((entry) => entry.configName === 'cleanup.policy')?.configValue;
      expect(policy(totals)).toBe('compact');
      expect(policy(normalized)).toBe('delete');
    } finally {
      await admin.disconnect();
    }
  });
});
