import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Kafka } from 'kafkajs';
import { createKafkaClient, ensureTopics } from '@donations/kafka';
import { migrate } from '@donations/database';

/** A short id unique to this test run: topic prefix, schema and key prefix are built from it. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function requiredEnv(name: 'KAFKA_BROKERS' | 'DATABASE_URL' | 'REDIS_URL'): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: integration specs run under the integration jest project`);
  }
  return value;
}

export function testKafka(clientId = `test-${uniqueSuffix()}`): Kafka {
  return createKafkaClient({
    brokers: requiredEnv('KAFKA_BROKERS').split(','),
    clientId,
    retries: 2,
  });
}

/** Creates the project's topics under a fresh prefix; returns the prefix. */
export async function createTestTopics(
  kafka: Kafka = testKafka(),
  { replicationFactor = 1 }: { replicationFactor?: number } = {},
): Promise<string> {
  const prefix = `t${uniqueSuffix()}.`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await ensureTopics(admin, { prefix, replicationFactor });
  } finally {
    await admin.disconnect();
  }
  return prefix;
}

export interface TestSchema {
  url: string;
  schema: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL schema with every migration applied. */
export async function createTestSchema(): Promise<TestSchema> {
  const url = requiredEnv('DATABASE_URL');
  const schema = `t_${uniqueSuffix()}`;
  await migrate({ url, schema });
  return {
    url,
    schema,
    drop: async () => {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

export function testRedisPrefix(): string {
  return `t:${uniqueSuffix()}:`;
}
