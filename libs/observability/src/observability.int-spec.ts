import { Module } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Admin } from 'kafkajs';
import { createClient, RedisClientType } from 'redis';
import { DataSource } from 'typeorm';
import { createDataSource } from '@donations/database';
import { requiredEnv, testKafka } from '@donations/testing';
import { kafkaReadiness, postgresReadiness, redisReadiness } from './health/readiness-check';
import { ErrorResponseFilter } from './logging/error-response.filter';
import { createLogger } from './logging/logger';
import { ObservabilityModule } from './observability.module';

const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
const REDIS = Symbol('REDIS');

async function startApp(redisUrl: string): Promise<{ app: NestFastifyApplication; url: string }> {
  @Module({
    providers: [
      {
        provide: KAFKA_ADMIN,
        useFactory: async () => {
          const admin = testKafka().admin();
          await admin.connect();
          return admin;
        },
      },
      {
        provide: DataSource,
        useFactory: () =>
          createDataSource({ url: requiredEnv('DATABASE_URL'), schema: 'public' }).initialize(),
      },
      {
        provide: REDIS,
        useFactory: () => {
          const client: RedisClientType = createClient({
            url: redisUrl,
            disableOfflineQueue: true,
          });
          client.on('error', () => undefined); // reconnects; readiness reports it
          return client;
        },
      },
    ],
    exports: [KAFKA_ADMIN, DataSource, REDIS],
  })
  class ConnectionsModule {}

  const moduleRef = await Test.createTestingModule({
    imports: [
      ObservabilityModule.forRoot({
        service: 'health-test',
        logLevel: 'silent',
        imports: [ConnectionsModule],
        readiness: {
          inject: [KAFKA_ADMIN, DataSource, REDIS],
          useFactory: (admin: Admin, dataSource: DataSource, redis: RedisClientType) => [
            kafkaReadiness(admin),
            postgresReadiness(dataSource),
            redisReadiness(redis),
          ],
        },
      }),
    ],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
  // As every service registers it: the readiness 503 must get through it.
  app.useGlobalFilters(
    new ErrorResponseFilter(createLogger({ service: 'health-test', level: 'silent' })),
  );
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('health and metrics endpoints', () => {
  const apps: NestFastifyApplication[] = [];
  afterAll(async () => {
    for (const app of apps) {
      await app.get<Admin>(KAFKA_ADMIN).disconnect();
      await app.get(DataSource).destroy();
      const redis = app.get<RedisClientType>(REDIS);
      if (redis.isOpen) redis.destroy();
      await app.close();
    }
  });

  it('is ready when Kafka, PostgreSQL and Redis answer', async () => {
    const { app, url } = await startApp(requiredEnv('REDIS_URL'));
    apps.push(app);
    await app.get<RedisClientType>(REDIS).connect();

    expect((await fetch(`${url}/health/live`)).status).toBe(200);
    const ready = await fetch(`${url}/health/ready`);
    const body = (await ready.json()) as {
      status: string;
      info: Record<string, { status: string }>;
    };
    expect(ready.status).toBe(200);
    expect(body.status).toBe('ok');
    expect(Object.keys(body.info).sort()).toEqual(['kafka', 'postgres', 'redis']);
  });

  it('answers 503 naming the dependency that is down', async () => {
    const { app, url } = await startApp('redis://127.0.0.1:1');
    apps.push(app);
    // Connecting in the background, as the services do: it never gets there.
    app
      .get<RedisClientType>(REDIS)
      .connect()
      .catch(() => undefined);

    const ready = await fetch(`${url}/health/ready`);
    const body = (await ready.json()) as {
      code: string;
      error: Record<string, { status: string }>;
    };
    expect(ready.status).toBe(503);
    expect(body.code).toBe('HTTP.SERVICE_UNAVAILABLE');
    expect(Object.keys(body.error)).toEqual(['redis']);
  });

  it('serves Prometheus metrics labelled with the service', async () => {
    const { app, url } = await startApp(requiredEnv('REDIS_URL'));
    apps.push(app);
    const response = await fetch(`${url}/metrics`);
    expect(response.headers.get('content-type')).toContain('text/plain');
    expect(await response.text()).toMatch(
      /process_cpu_user_seconds_total\{service="health-test"\}/,
    );
  });
});
