import type { DynamicModule } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { createAdapterApp, CampaignRegistryRepository } from '@donations/adapter-kit';
import { DeadLetter, DonationEventV1, Platform, RawWebhook, TOPICS } from '@donations/contracts';
import {
  createTestSchema,
  createTestTopics,
  requiredEnv,
  TestSchema,
  testKafka,
  uniqueSuffix,
} from './isolation';
import { withBrokerStopped } from './broker-control';
import { CollectedMessage, TopicCollector } from './topic-collector';
import { waitFor } from './wait-for';

export const TEST_DONOR_HASH_KEY_ENV = 'test-donor-hash-key-0123456789abcdef0123';

/** The environment every adapter reads, pointing at this test's own topics and schema. */
export function adapterTestEnv(prefix: string, schema: string): Record<string, string> {
  return {
    HTTP_PORT: '0',
    HTTP_HOST: '127.0.0.1',
    KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
    TOPIC_PREFIX: prefix,
    DATABASE_URL: requiredEnv('DATABASE_URL'),
    DATABASE_SCHEMA: schema,
    DONOR_HASH_KEY: TEST_DONOR_HASH_KEY_ENV,
    LOG_LEVEL: 'silent',
    KAFKA_ACK_TIMEOUT_MS: '3000',
  };
}

export interface FuzzRequest {
  body: Buffer;
  headers: Record<string, string>;
}

export interface FuzzOutcome {
  answers: { status: number; correlationId: string }[];
  /** Correlation ids of the 5xx answers: bad input must never get one. */
  serverErrors: string[];
  /** Correlation ids of the 4xx answers: each must be on the DLQ. */
  rejected: string[];
  /** Requests sent again because their kept-alive connection was reset before any answer. */
  resent: number;
}

export interface PostResult {
  status: number;
  text: string;
  json<T = { code: string; message: string }>(): T;
}

/**
 * One adapter service running on a real port against the real broker and database, with
 * collectors on donations.normalized.v1, donations.raw and donations.dlq.
 */
export class AdapterHarness {
  private constructor(
    readonly kafka: Kafka,
    readonly prefix: string,
    readonly schema: TestSchema,
    readonly app: NestFastifyApplication,
    readonly url: string,
    public normalized: TopicCollector<DonationEventV1>,
    public raw: TopicCollector<RawWebhook>,
    public dlq: TopicCollector<DeadLetter>,
  ) {}

  /** Topics and schema first (the app's config needs them), then the app. */
  static async prepare(): Promise<{ prefix: string; schema: TestSchema; kafka: Kafka }> {
    const kafka = testKafka();
    const [prefix, schema] = await Promise.all([createTestTopics(kafka), createTestSchema()]);
    return { prefix, schema, kafka };
  }

  static async start(
    prepared: { prefix: string; schema: TestSchema; kafka: Kafka },
    service: string,
    module: DynamicModule,
    bodyLimit = 256 * 1024,
  ): Promise<AdapterHarness> {
    const app = await createAdapterApp(service, module, {
      WEBHOOK_BODY_LIMIT_BYTES: bodyLimit,
      LOG_LEVEL: 'silent',
    });
    await app.listen(0, '127.0.0.1');
    const { kafka, prefix, schema } = prepared;
    const [normalized, raw, dlq] = await startCollectors(kafka, prefix);
    return new AdapterHarness(kafka, prefix, schema, app, await app.getUrl(), normalized, raw, dlq);
  }

  /**
   * Runs `whileDown` with the broker stopped (see withBrokerStopped). The collectors are stopped
   * first and started afresh once the broker is back: a kafkajs consumer that loses its broker
   * restarts itself and can outlive its disconnect.
   */
  async whileBrokerStopped<T>(whileDown: () => Promise<T>): Promise<T> {
    await this.stopCollectors();
    try {
      return await withBrokerStopped(whileDown);
    } finally {
      [this.normalized, this.raw, this.dlq] = await startCollectors(this.kafka, this.prefix);
    }
  }

  private async stopCollectors(): Promise<void> {
    await Promise.all([this.normalized.stop(), this.raw.stop(), this.dlq.stop()]);
  }

  async register(platform: Platform, projectId: string, campaignId: string, charityId: string) {
    const registry = new CampaignRegistryRepository(this.app.get(DataSource));
    await registry.register(platform, projectId, { campaignId, charityId });
  }

  async post(
    path: string,
    body: string | Buffer,
    headers: Record<string, string>,
  ): Promise<PostResult> {
    const response = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'x-correlation-id': `c-${uniqueSuffix()}`, ...headers },
      body,
    });
    const text = await response.text();
    return { status: response.status, text, json: <T>() => JSON.parse(text) as T };
  }

  /**
   * Sends every body (50 at a time) as `prepare` signs and heads it, each with its own
   * correlation id, and sorts the answers.
   */
  async fuzz(
    path: string,
    bodies: Buffer[],
    prepare: (body: Buffer, index: number) => FuzzRequest,
  ): Promise<FuzzOutcome> {
    const run = `f${uniqueSuffix()}`;
    const answers: FuzzOutcome['answers'] = [];
    let resent = 0;
    for (let start = 0; start < bodies.length; start += 50) {
      const slice = bodies.slice(start, start + 50).map(async (mutated, offset) => {
        const correlationId = `${run}-${start + offset}`;
        const { body, headers } = prepare(mutated, start + offset);
        const send = () => this.post(path, body, { ...headers, 'x-correlation-id': correlationId });
        const answer = await send().catch(async (error: unknown) => {
          // A kept-alive socket the server closed as idle while this request was put on it
          // (a loaded machine stretches a slice past the keep-alive timeout): no answer was
          // given, so send it again as a platform would. Any answer, 5xx included, counts.
          if (!connectionReset(error)) throw error;
          resent += 1;
          return send();
        });
        return { status: answer.status, correlationId };
      });
      answers.push(...(await Promise.all(slice)));
    }
    const ids = (keep: (status: number) => boolean) =>
      answers.filter(({ status }) => keep(status)).map(({ correlationId }) => correlationId);
    return {
      answers,
      serverErrors: ids((status) => status >= 500),
      rejected: ids((status) => status >= 400 && status < 500),
      resent,
    };
  }

  /** Resolves once every one of these requests is on donations.dlq. */
  waitForDeadLetters(correlationIds: readonly string[]): Promise<true> {
    return waitFor(
      () => {
        const dead = new Set(this.dlq.values().map((letter) => letter.correlationId));
        return correlationIds.every((id) => dead.has(id)) || undefined;
      },
      { timeoutMs: 60_000, description: `${correlationIds.length} dead letters` },
    );
  }

  /** Resends as the platform would (every 500 ms) until the answer has `status`, and returns it. */
  retryUntil(send: () => Promise<PostResult>, status: number): Promise<PostResult> {
    return waitFor(
      async () => {
        const answer = await send();
        return answer.status === status ? answer : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 500, description: `a retry answered ${status}` },
    );
  }

  eventsFor(platformTxnId: string): DonationEventV1[] {
    return this.normalized.values().filter((event) => event.platformTxnId === platformTxnId);
  }

  waitForEvents(platformTxnId: string, count: number): Promise<DonationEventV1[]> {
    return waitFor(
      () => {
        const events = this.eventsFor(platformTxnId);
        return events.length >= count ? events : undefined;
      },
      { description: `${count} event(s) of ${platformTxnId}` },
    );
  }

  waitForDeadLetter(correlationId: string): Promise<DeadLetter> {
    return waitFor(
      () => this.dlq.values().find((letter) => letter.correlationId === correlationId),
      {
        description: `the dead letter of ${correlationId}`,
      },
    );
  }

  /** Resolves with the webhook on donations.raw under `key` (`<platform>:<platformTxnId>`). */
  waitForRaw(key: string): Promise<CollectedMessage<RawWebhook>> {
    return waitFor(() => this.raw.messages.find((message) => message.key === key), {
      description: `the raw webhook ${key} on donations.raw`,
    });
  }

  async close(): Promise<void> {
    await this.stopCollectors();
    await this.app.close();
    await this.schema.drop();
  }
}

function startCollectors(kafka: Kafka, prefix: string) {
  return Promise.all([
    TopicCollector.start<DonationEventV1>(kafka, TOPICS.donationsNormalized, prefix),
    TopicCollector.start<RawWebhook>(kafka, TOPICS.donationsRaw, prefix),
    TopicCollector.start<DeadLetter>(kafka, TOPICS.dlq, prefix),
  ]);
}

/** fetch's failure when the connection was reset or closed before the answer came. */
function connectionReset(error: unknown): boolean {
  const cause =
    error instanceof TypeError ? (error.cause as { code?: unknown } | undefined) : undefined;
  return ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'].includes(String(cause?.code));
}
