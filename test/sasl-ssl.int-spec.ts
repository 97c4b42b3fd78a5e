import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { CampaignRegistryEntry, CampaignRegistryRepository } from '@donations/adapter-kit';
import { CampaignTotalsV1, makeUscc, StatsOverviewV1, TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import { StandardWebhookSigner } from '@donations/platform-sim';
import {
  buildServices,
  createTestSchema,
  createTestTopics,
  DisposableKafka,
  makeTlsMaterial,
  requiredEnv,
  serviceEntry,
  ServiceProcess,
  startDisposableKafka,
  testRedisPrefix,
  TEST_DONOR_HASH_KEY_ENV,
  TestSchema,
  TlsMaterial,
  TopicCollector,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';

const SECRET = `whsec_${Buffer.from('shuidi-sasl-ssl-secret-0123456789').toString('base64')}`;
const CHARITY = makeUscc('53100000500021676');
/** One SCRAM/PLAIN user per service, as a managed cluster's KafkaUsers would be. */
const USERS = {
  'adapter-shuidi': `adapter-${uniqueSuffix()}`,
  aggregator: `aggregator-${uniqueSuffix()}`,
  statistics: `statistics-${uniqueSuffix()}`,
};

/**
 * The services against a broker that only takes SASL over TLS (the PLAINTEXT listener of the
 * disposable broker is used by the test alone, to make topics and read them): certificates made
 * here with openssl, SCRAM users written with Kafka's own storage tool. The adapter logs in with
 * SCRAM-SHA-512 and a client certificate, the aggregator with SCRAM-SHA-256, the statistics with
 * PLAIN, every password and PEM given as a *_FILE.
 */
describe('SASL_SSL: an adapter, the aggregator and the statistics on a secured broker', () => {
  let dir: string;
  let tls: TlsMaterial;
  let broker: DisposableKafka;
  let schema: TestSchema;
  let dataSource: DataSource;
  let prefix: string;
  const services: ServiceProcess[] = [];
  const campaignId = `campaign-${uniqueSuffix()}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sasl-ssl-'));
    tls = await makeTlsMaterial(dir);
    const passwords = Object.fromEntries(
      Object.values(USERS).map((user) => [user, `pw-${uniqueSuffix()}`]),
    );
    for (const [user, password] of Object.entries(passwords)) {
      // A trailing newline, as `echo secret > file` leaves: not part of the password.
      writeFileSync(join(dir, `${user}.password`), `${password}\n`);
    }
    [broker, schema] = await Promise.all([
      startDisposableKafka({
        saslSsl: { keystore: tls.brokerKeystore, truststore: tls.caCert, users: passwords },
      }),
      createTestSchema(),
      buildServices(),
    ]).then(([b, s]) => [b, s] as const);
    prefix = await createTestTopics(broker.kafka());
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      entities: [CampaignRegistryEntry],
    }).initialize();
    await new CampaignRegistryRepository(dataSource).register('shuidi', 'proj-sasl', {
      campaignId,
      charityId: CHARITY,
    });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await dataSource?.destroy();
    await schema?.drop();
    await broker?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A service's environment: the SASL_SSL listener only, TLS and SASL settings as files. */
  function secured(
    service: keyof typeof USERS,
    mechanism: string,
    passwordFile = join(dir, `${USERS[service]}.password`),
  ): Record<string, string | undefined> {
    return {
      PATH: process.env.PATH,
      KAFKA_BROKERS: broker.saslSslBrokers.join(','),
      KAFKA_SSL: 'true',
      KAFKA_SSL_CA_FILE: tls.caCert,
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: USERS[service],
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
      TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
    };
  }

  /** What each service needs besides Kafka. */
  function ownEnv(service: keyof typeof USERS): Record<string, string> {
    switch (service) {
      case 'adapter-shuidi':
        return {
          DATABASE_URL: schema.url,
          DATABASE_SCHEMA: schema.schema,
          DONOR_HASH_KEY: TEST_DONOR_HASH_KEY_ENV,
          SHUIDI_WEBHOOK_SECRETS: SECRET,
        };
      case 'aggregator':
        return {
          DATABASE_URL: schema.url,
          DATABASE_SCHEMA: schema.schema,
          AGGREGATOR_GROUP_ID: `aggregator-${uniqueSuffix()}`,
        };
      case 'statistics':
        return {
          REDIS_URL: requiredEnv('REDIS_URL'),
          REDIS_KEY_PREFIX: testRedisPrefix(),
          STATISTICS_GROUP_ID: `statistics-${uniqueSuffix()}`,
        };
    }
  }

  async function start(
    service: keyof typeof USERS,
    env: Record<string, string | undefined>,
  ): Promise<ServiceProcess> {
    const process = await ServiceProcess.start({
      entry: serviceEntry(service),
      env,
      logFile: join(dir, `${service}-${uniqueSuffix()}.log`),
    });
    services.push(process);
    return process;
  }

  async function sendWebhook(adapter: ServiceProcess, orderNo: string): Promise<number> {
    const raw = Buffer.from(
      JSON.stringify({
        type: 'donation.paid',
        data: {
          orderNo,
          projectId: 'proj-sasl',
          amountFen: 2_345,
          occurredAt: '2026-09-09T10:00:01+08:00',
          donor: { userId: `user-${orderNo}` },
        },
      }),
    );
    const response = await fetch(`http://127.0.0.1:${adapter.port}/webhooks/shuidi`, {
      method: 'POST',
      headers: new StandardWebhookSigner(SECRET).headers(raw, `msg_${uniqueSuffix()}`),
      body: raw,
    });
    await response.arrayBuffer();
    return response.status;
  }

  it('counts a signed webhook through SASL_SSL: its total on the aggregate topic and in the statistics', async () => {
    const [adapter] = await Promise.all([
      start('adapter-shuidi', {
        ...secured('adapter-shuidi', 'scram-sha-512'),
        KAFKA_SSL_CERT_FILE: tls.clientCert,
        KAFKA_SSL_KEY_FILE: tls.clientKey,
        ...ownEnv('adapter-shuidi'),
      }),
      start('aggregator', { ...secured('aggregator', 'scram-sha-256'), ...ownEnv('aggregator') }),
      start('statistics', { ...secured('statistics', 'plain'), ...ownEnv('statistics') }),
    ]);
    const totals = await TopicCollector.start<CampaignTotalsV1>(
      broker.kafka(),
      TOPICS.campaignTotals,
      prefix,
    );
    const overviews = await TopicCollector.start<StatsOverviewV1>(
      broker.kafka(),
      TOPICS.statsOverview,
      prefix,
    );
    try {
      expect(await sendWebhook(adapter, `order-${uniqueSuffix()}`)).toBeLessThan(300);
      const total = await waitFor(
        () => totals.values().find((value) => value.campaignId === campaignId),
        { timeoutMs: 60_000, description: `${campaignId} on the campaign totals topic` },
      );
      expect(total.totals.CNY).toMatchObject({ raisedMinor: 2_345, donationCount: 1 });
      const overview = await waitFor(
        () => overviews.values().find((value) => value.totals.CNY?.donationCount === 1),
        { timeoutMs: 60_000, description: 'the donation in the statistics overview' },
      );
      expect(overview.uniqueDonors).toBe(1);
    } finally {
      await Promise.all([totals.stop(), overviews.stop()]);
    }
  }, 180_000);

  // The adapter only produces (its boot check finds the password wrong); the aggregator's
  // consumer connects at boot.
  it.each([
    ['adapter-shuidi', 'scram-sha-512'],
    ['aggregator', 'scram-sha-256'],
  ] as const)(
    '%s stops at boot with one clear line when the broker refuses its %s password',
    async (service, mechanism) => {
      const wrong = join(dir, 'wrong.password');
      writeFileSync(wrong, 'not-the-password');
      const logFile = join(dir, `${service}-wrong-${uniqueSuffix()}.log`);
      const startedAt = Date.now();
      await expect(
        ServiceProcess.start({
          entry: serviceEntry(service),
          env: { ...secured(service, mechanism, wrong), ...ownEnv(service) },
          logFile,
          readyTimeoutMs: 30_000,
        }),
      ).rejects.toThrow(/service exited \(code [1-9]\d*, signal null\) before it was ready/);
      // Refused at the first connection, not retried until a timeout.
      expect(Date.now() - startedAt).toBeLessThan(20_000);
      const fatal = readFileSync(logFile, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map(
          (line) => JSON.parse(line) as { level: string; msg: string; err?: { message: string } },
        )
        .filter((line) => line.level === 'fatal');
      expect(fatal).toHaveLength(1);
      expect(fatal[0].err?.message).toMatch(
        new RegExp(
          `^KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: the broker refused them \\(${mechanism}\\): .*[Aa]uthentication failed`,
        ),
      );
      expect(readFileSync(logFile, 'utf8')).not.toContain('not-the-password');
    },
    60_000,
  );
});
