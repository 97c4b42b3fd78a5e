import { randomBytes } from 'node:crypto';
import { Admin, Kafka } from 'kafkajs';
import { Client } from 'pg';
import { TOPIC_SPECS, TopicName, topicName, TOPICS } from '@donations/contracts';
import { migrate } from '@donations/database';
import { createKafkaClient, ensureTopics } from '@donations/kafka';

export interface BenchStackOptions {
  brokers: string[];
  /** Without one the stack is topics only (a bench whose service keeps no state in PostgreSQL). */
  databaseUrl?: string;
  /** Appended to the run id in the prefix and schema, for a bench that needs several stacks. */
  tag?: string;
}

/** A fresh id per run: in topic prefixes, schemas, order numbers and consumer groups. */
export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

/**
 * The bench's own topics (a fresh prefix, the contract's partitions) and PostgreSQL schema
 * (every migration applied), on the shared local stack; removed again by `drop()`.
 */
export class BenchStack {
  private constructor(
    readonly kafka: Kafka,
    private readonly admin: Admin,
    readonly databaseUrl: string | undefined,
    /** This run's id: in the topic prefix, the schema, order numbers and webhook ids. */
    readonly run: string,
    readonly prefix: string,
    readonly schema: string,
  ) {}

  /** Topics of the bench's own beyond the contract's (full names), dropped with the others. */
  private readonly extraTopics: string[] = [];

  static async create(options: BenchStackOptions, run = newRunId()): Promise<BenchStack> {
    const tagged = `${run}${options.tag ?? ''}`;
    const kafka = createKafkaClient({ brokers: options.brokers, clientId: `bench-${tagged}` });
    const admin = kafka.admin();
    await admin.connect();
    const prefix = `bench${tagged}.`;
    const schema = `bench_${tagged}`;
    await ensureTopics(admin, { prefix });
    if (options.databaseUrl !== undefined) await migrate({ url: options.databaseUrl, schema });
    return new BenchStack(kafka, admin, options.databaseUrl, run, prefix, schema);
  }

  /** The topic's name on the broker (this run's prefix). */
  topic(base: TopicName): string {
    return topicName(base, this.prefix);
  }

  /** A topic of the bench's own under this run's prefix (e.g. a baseline's sink). */
  async createTopic(base: string, partitions: number): Promise<string> {
    const topic = `${this.prefix}${base}`;
    await this.admin.createTopics({
      topics: [{ topic, numPartitions: partitions }],
      waitForLeaders: true,
    });
    this.extraTopics.push(topic);
    return topic;
  }

  /** Messages on a topic of the bench's own so far (full name). */
  async rawMessageCount(topic: string): Promise<number> {
    const offsets = await this.admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high }) => sum + Number(high), 0);
  }

  /** Each partition's high watermark: the offset after its last message. */
  async endOffsets(base: TopicName): Promise<Map<number, string>> {
    const offsets = await this.admin.fetchTopicOffsets(this.topic(base));
    return new Map(offsets.map(({ partition, high }) => [partition, high]));
  }

  /** Messages on a topic so far: the sum of its partitions' high watermarks. */
  async messageCount(base: TopicName): Promise<number> {
    const offsets = await this.endOffsets(base);
    return [...offsets.values()].reduce((sum, high) => sum + Number(high), 0);
  }

  async normalizedCount(): Promise<number> {
    return this.messageCount(TOPICS.donationsNormalized);
  }

  async drop(): Promise<void> {
    const topics = [
      ...(Object.keys(TOPIC_SPECS) as TopicName[]).map((base) => this.topic(base)),
      ...this.extraTopics,
    ];
    await this.admin.deleteTopics({ topics });
    if (this.databaseUrl === undefined) return;
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
