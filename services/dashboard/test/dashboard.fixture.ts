import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Admin, Kafka, Producer } from 'kafkajs';
import { TOPICS, TopicName, topicName } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import { TypedProducer } from '@donations/kafka';
import {
  createTestTopics,
  requiredEnv,
  testKafka,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { DashboardConfig, DashboardConfigSchema } from '../src/config/dashboard.config';
import { createDashboardApp } from '../src/dashboard-app';
import type { DashboardSnapshot } from '../src/state/dashboard.state';
import { SseClient } from './sse-client';

/** One running gateway, listening on a free port of 127.0.0.1. */
export class Gateway {
  private constructor(
    readonly app: NestFastifyApplication,
    readonly url: string,
  ) {}

  static async start(config: DashboardConfig): Promise<Gateway> {
    const app = await createDashboardApp(config);
    try {
      await app.listen(0, '127.0.0.1');
    } catch (error) {
      await app.close();
      throw error;
    }
    return new Gateway(app, await app.getUrl());
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.url}${path}`);
  }

  async snapshot(): Promise<DashboardSnapshot> {
    const response = await this.get('/api/snapshot');
    if (response.status !== 200) throw new Error(`GET /api/snapshot: ${response.status}`);
    return (await response.json()) as DashboardSnapshot;
  }

  /** Waits until the gateway has read what was in the topics at its start, and returns then. */
  caughtUp(): Promise<DashboardSnapshot> {
    return waitFor(
      async () => {
        const snapshot = await this.snapshot();
        return snapshot.feed.caughtUp ? snapshot : undefined;
      },
      { description: 'the gateway to catch up with the feed topics' },
    );
  }

  events(): Promise<SseClient<DashboardSnapshot>> {
    return SseClient.open<DashboardSnapshot>(`${this.url}/events`);
  }

  private closing?: Promise<void>;

  close(): Promise<void> {
    this.closing ??= this.app.close();
    return this.closing;
  }
}

/**
 * The topics of one test (a unique prefix), a typed producer for contract messages, a raw one
 * for bad bytes, an admin, and the gateway config that reads them.
 */
export class DashboardFixture {
  readonly groups = {
    aggregator: `aggregator-${uniqueSuffix()}`,
    statistics: `statistics-${uniqueSuffix()}`,
  };
  readonly gateways: Gateway[] = [];

  private constructor(
    readonly kafka: Kafka,
    readonly prefix: string,
    readonly producer: TypedProducer,
    readonly raw: Producer,
    readonly admin: Admin,
  ) {}

  static async create(): Promise<DashboardFixture> {
    const kafka = testKafka();
    const prefix = await createTestTopics(kafka);
    const raw = kafka.producer({ allowAutoTopicCreation: false });
    const admin = kafka.admin();
    await Promise.all([raw.connect(), admin.connect()]);
    return new DashboardFixture(kafka, prefix, TypedProducer.create(kafka, prefix), raw, admin);
  }

  /** The gateway config of this test's topics; `env` adds or overrides variables. */
  config(env: Record<string, string> = {}): DashboardConfig {
    return loadConfig(DashboardConfigSchema, {
      HTTP_PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: this.prefix,
      LOG_LEVEL: 'silent',
      DASHBOARD_GROUP_PREFIX: `dashboard-test`,
      DASHBOARD_PUSH_INTERVAL_MS: '200',
      DASHBOARD_MONITOR_INTERVAL_MS: '200',
      DASHBOARD_LAG_GROUPS: `${this.groups.aggregator},${this.groups.statistics}`,
      DASHBOARD_TOP_N: '5',
      ...env,
    });
  }

  async startGateway(env: Record<string, string> = {}): Promise<Gateway> {
    const gateway = await Gateway.start(this.config(env));
    this.gateways.push(gateway);
    return gateway;
  }

  /** Bytes as they are, on a topic of this test (for malformed and foreign messages). */
  async sendRaw(
    base: TopicName,
    messages: { key: string; value: string | null; partition?: number }[],
  ): Promise<void> {
    await this.raw.send({ topic: topicName(base, this.prefix), acks: -1, messages });
  }

  /** Commits `offset` on partition 0 of donations.normalized.v1 for `groupId`, as a consumer would. */
  async commitNormalized(groupId: string, offset: string): Promise<void> {
    await this.admin.setOffsets({
      groupId,
      topic: topicName(TOPICS.donationsNormalized, this.prefix),
      partitions: [{ partition: 0, offset }],
    });
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.gateways.map((gateway) => gateway.close()));
    await Promise.allSettled([
      this.producer.disconnect(),
      this.raw.disconnect(),
      this.admin.disconnect(),
    ]);
  }
}
