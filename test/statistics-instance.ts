import type { AddressInfo } from 'node:net';
import { loadConfig } from '@donations/config';
import { connectRedis, requiredEnv, testRedisPrefix, uniqueSuffix } from '@donations/testing';
import { StatisticsConfigSchema } from '../services/statistics/src/config/statistics.config';
import { createStatisticsApp } from '../services/statistics/src/statistics-app';

export interface StatisticsInstance {
  readonly url: string;
  /** Stops the app and deletes its Redis keys. */
  close(): Promise<void>;
}

/**
 * The statistics service in the test process on the topics of `topicPrefix` (e.g. a
 * ShuidiOpsFixture's, whose aggregator feeds it donations.counted.v1), with a consumer group and
 * Redis keys of its own, listening on a free loopback port.
 */
export async function startStatistics(topicPrefix: string): Promise<StatisticsInstance> {
  const keyPrefix = testRedisPrefix();
  const app = await createStatisticsApp(
    loadConfig(StatisticsConfigSchema, {
      HTTP_PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: keyPrefix,
      TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'silent',
      STATISTICS_GROUP_ID: `statistics-${uniqueSuffix()}`,
    }),
  );
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await app.close();
      const redis = await connectRedis(requiredEnv('REDIS_URL'));
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length > 0) await redis.del(keys);
      redis.destroy();
    },
  };
}
