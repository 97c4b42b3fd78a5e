import { randomBytes } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { CampaignRegistryEntry, CampaignRegistryRepository } from '@donations/adapter-kit';
import { makeUscc, TOPIC_SPECS, TopicName, topicName, TOPICS } from '@donations/contracts';
import { createDataSource, migrate } from '@donations/database';
import { createKafkaClient, ensureTopics } from '@donations/kafka';

export interface BenchStackOptions {
  brokers: string[];
  databaseUrl: string;
  campaigns: number;
}

/**
 * The bench's own topics (a fresh prefix), PostgreSQL schema (every migration applied) and
 * registered campaigns, on the shared local stack; removed again by `drop()`.
 */
export class BenchStack {
  private constructor(
    private readonly admin: Admin,
    private readonly databaseUrl: string,
    /** This run's id: in the topic prefix, the schema, order numbers and webhook ids. */
    readonly run: string,
    readonly prefix: string,
    readonly schema: string,
    /** The platform project ids the bench's donations name (each registered to a campaign). */
    readonly projectIds: readonly string[],
  ) {}

  static async create(options: BenchStackOptions): Promise<BenchStack> {
    const run = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const kafka: Kafka = createKafkaClient({ brokers: options.brokers, clientId: `bench-${run}` });
    const admin = kafka.admin();
    await admin.connect();
    const prefix = `bench${run}.`;
    const schema = `bench_${run}`;
    await ensureTopics(admin, { prefix });
    await migrate({ url: options.databaseUrl, schema });
    const projectIds = Array.from({ length: options.campaigns }, (_, i) => `bench-project-${i}`);
    await registerCampaigns(options.databaseUrl, schema, projectIds);
    return new BenchStack(admin, options.databaseUrl, run, prefix, schema, projectIds);
  }

  /** Messages on a topic so far: the sum of its partitions' high watermarks. */
  async messageCount(base: TopicName): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(topicName(base, this.prefix));
    return offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  }

  async normalizedCount(): Promise<number> {
    return this.messageCount(TOPICS.donationsNormalized);
  }

  async drop(): Promise<void> {
    const topics = (Object.keys(TOPIC_SPECS) as TopicName[]).map((base) =>
      topicName(base, this.prefix),
    );
    await this.admin.deleteTopics({ topics });
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`);
    } finally {
      await client.end();
    }
  }

  disconnect(): Promise<void> {
    return this.admin.disconnect();
  }
}

async function registerCampaigns(url: string, schema: string, projectIds: readonly string[]) {
  const dataSource = await createDataSource({
    url,
    schema,
    entities: [CampaignRegistryEntry],
    poolSize: 1,
  }).initialize();
  try {
    const registry = new CampaignRegistryRepository(dataSource);
    for (const [index, projectId] of projectIds.entries()) {
      // Distinct, valid 统一社会信用代码 per campaign (the check character is computed).
      const charityId = makeUscc(`5310000050002${String(1000 + index).padStart(4, '0')}`);
      await registry.register('shuidi', projectId, {
        campaignId: `bench-campaign-${index}`,
        charityId,
      });
    }
  } finally {
    await dataSource.destroy();
  }
}
