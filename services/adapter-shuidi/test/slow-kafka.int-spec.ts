import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import type { DataSource } from 'typeorm';
import { CampaignRegistryEntry, CampaignRegistryRepository } from '@donations/adapter-kit';
import { DonationEventV1, makeUscc, RawWebhook, TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import {
  buildServices,
  createTestSchema,
  createTestTopics,
  DisposableKafka,
  serviceEntry,
  ServiceProcess,
  startDisposableKafka,
  TestSchema,
  TopicCollector,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';

const SECRET = `whsec_${Buffer.from('shuidi-slow-kafka-secret-0123456789').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');
/** The broker is stopped (SIGSTOP) this long under load. */
const PAUSE_MS = 30_000;
/** Platform connections sending webhooks concurrently, one after the other each. */
const CLIENTS = 100;
const WARM_UP_WEBHOOKS = 500;
const ACK_TIMEOUT_MS = 3_000;
/** An answer while the broker is stopped comes within the ack timeout plus this. */
const ANSWER_SLACK_MS = 1_500;
/** The adapter's resident memory while the broker is stopped stays under this. */
const RSS_BOUND_BYTES = 300 * 1024 * 1024;

interface Attempt {
  orderNo: string;
  correlationId: string;
  status: number;
  sentAt: number;
  answeredAt: number;
}

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) * 1024;
}

describe('adapter-shuidi while its broker is stopped 30 s under load (a broker of its own)', () => {
  let broker: DisposableKafka;
  let schema: TestSchema;
  let dataSource: DataSource;
  let adapter: ServiceProcess;
  let prefix: string;
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    [broker, schema] = await Promise.all([
      startDisposableKafka(),
      createTestSchema(),
      buildServices(),
    ]).then(([b, s]) => [b, s] as const);
    prefix = await createTestTopics(broker.kafka());
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      entities: [CampaignRegistryEntry],
    }).initialize();
    await new CampaignRegistryRepository(dataSource).register('shuidi', 'proj-1', {
      campaignId,
      charityId: CHARITY,
    });
    adapter = await ServiceProcess.start({
      entry: serviceEntry('adapter-shuidi'),
      logFile: join(tmpdir(), `slow-kafka-adapter-${uniqueSuffix()}.log`),
      env: {
        PATH: process.env.PATH,
        KAFKA_BROKERS: broker.brokers.join(','),
        TOPIC_PREFIX: prefix,
        DATABASE_URL: schema.url,
        DATABASE_SCHEMA: schema.schema,
        DONOR_HASH_KEY: 'test-donor-hash-key-0123456789abcdef0123',
        SHUIDI_WEBHOOK_SECRETS: SECRET,
        KAFKA_ACK_TIMEOUT_MS: String(ACK_TIMEOUT_MS),
        LOG_LEVEL: 'warn',
      },
    });
  }, 240_000);

  afterAll(async () => {
    await adapter?.stop();
    await dataSource?.destroy();
    await schema?.drop();
    await broker?.stop();
  });

  async function send(orderNo: string): Promise<Attempt> {
    const raw = Buffer.from(
      JSON.stringify({
        type: 'donation.paid',
        data: {
          orderNo,
          projectId: 'proj-1',
          amountFen: 100,
          occurredAt: '2026-09-09T10:00:01+08:00',
          donor: { userId: `user-${orderNo}` },
        },
      }),
    );
    const id = `msg_${uniqueSuffix()}`;
    const at = new Date();
    const correlationId = `c-${uniqueSuffix()}`;
    const sentAt = Date.now();
    const response = await fetch(`http://127.0.0.1:${adapter.port}/webhooks/shuidi`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(SECRET).sign(id, at, raw),
        'x-correlation-id': correlationId,
      },
      body: raw,
    });
    await response.arrayBuffer();
    return { orderNo, correlationId, status: response.status, sentAt, answeredAt: Date.now() };
  }

  it('keeps RSS bounded, answers 503 in time, sends nothing stale after resume, and counts every webhook once after the retries', async () => {
    const run = `s${uniqueSuffix()}`;
    const attempts: Attempt[] = [];
    let next = 0;
    const clients = (until: () => boolean) =>
      Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (!until()) attempts.push(await send(`${run}-${next++}`));
        }),
      );

    await clients(() => attempts.length >= WARM_UP_WEBHOOKS);
    expect(attempts.filter((a) => a.status !== 204)).toEqual([]);

    let maxRss = 0;
    const sampler = setInterval(() => (maxRss = Math.max(maxRss, rssOf(adapter.pid))), 200);
    const pausedAt = Date.now();
    let resumedAt = Infinity;
    broker.pause();
    // The broker comes back after PAUSE_MS whatever the clients wait for (the callers of the
    // request in flight at the pause wait for its outcome).
    const comeBack = setTimeout(() => {
      broker.resume();
      resumedAt = Date.now();
      clearInterval(sampler);
    }, PAUSE_MS);
    try {
      await clients(() => Date.now() - pausedAt >= PAUSE_MS);
    } finally {
      clearTimeout(comeBack);
      if (resumedAt === Infinity) {
        broker.resume();
        resumedAt = Date.now();
        clearInterval(sampler);
      }
    }

    // Sent once the request in flight at the pause was surely hung: answered within the
    // timeout, and 503 while the broker is stopped.
    const settled = attempts.filter(
      (a) => a.sentAt >= pausedAt + ACK_TIMEOUT_MS && a.sentAt < resumedAt,
    );
    expect(settled.length).toBeGreaterThan(CLIENTS);
    const slow = settled.filter((a) => a.answeredAt - a.sentAt > ACK_TIMEOUT_MS + ANSWER_SLACK_MS);
    expect(
      slow.map(({ status, sentAt, answeredAt }) => ({ status, ms: answeredAt - sentAt })),
    ).toEqual([]);
    const whilePaused = settled.filter((a) => a.answeredAt < resumedAt);
    expect(new Set(whilePaused.map((a) => a.status))).toEqual(new Set([503]));
    // Only the callers of the request in flight at the pause wait for its outcome.
    const held = attempts.filter((a) => a.sentAt < resumedAt && a.answeredAt >= resumedAt);
    expect(held.length).toBeLessThanOrEqual(CLIENTS);
    expect(maxRss).toBeLessThan(RSS_BOUND_BYTES);

    // The platforms retry every webhook not acknowledged, until it is.
    const acknowledged = new Set(attempts.filter((a) => a.status === 204).map((a) => a.orderNo));
    const unacknowledged = [...new Set(attempts.map((a) => a.orderNo))].filter(
      (orderNo) => !acknowledged.has(orderNo),
    );
    for (let start = 0; start < unacknowledged.length; start += 50) {
      await Promise.all(
        unacknowledged.slice(start, start + 50).map((orderNo) =>
          waitFor(
            async () => {
              const attempt = await send(orderNo);
              attempts.push(attempt);
              return attempt.status === 204;
            },
            { timeoutMs: 90_000, intervalMs: 500, description: `${orderNo} acknowledged` },
          ),
        ),
      );
    }

    const kafka = broker.kafka();
    const [raw, normalized] = await Promise.all([
      TopicCollector.start<RawWebhook>(kafka, TOPICS.donationsRaw, prefix),
      TopicCollector.start<DonationEventV1>(kafka, TOPICS.donationsNormalized, prefix),
    ]);
    try {
      const orders = new Set(attempts.map((a) => a.orderNo));
      const events = await waitFor(
        () => {
          const mine = normalized.values().filter((e) => orders.has(e.platformTxnId));
          return new Set(mine.map((e) => e.platformTxnId)).size >= orders.size ? mine : undefined;
        },
        { timeoutMs: 90_000, description: `${orders.size} webhooks on donations.normalized.v1` },
      );
      // Exact totals: one eventId per webhook, whatever the retries.
      expect(new Set(events.map((e) => e.eventId)).size).toBe(orders.size);
      // Nothing answered 503 reached Kafka afterwards.
      const refused = new Set(attempts.filter((a) => a.status === 503).map((a) => a.correlationId));
      await waitFor(() => raw.messages.length >= orders.size || undefined, {
        description: 'the raw webhooks',
      });
      const stale = raw.values().filter((webhook) => refused.has(webhook.correlationId));
      expect({ refused: refused.size, stale: stale.length }).toEqual({
        refused: refused.size,
        stale: 0,
      });
    } finally {
      await Promise.all([raw.stop(), normalized.stop()]);
    }
  }, 300_000);
});
