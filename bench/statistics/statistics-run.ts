import { resolve } from 'node:path';
import { currentEnv } from '@donations/config';
import { TOPICS } from '@donations/contracts';
import { ServiceProcess } from '@donations/testing';
import { statsKeys } from '../../services/statistics/src/stats/stats.keys';
import type { BenchStack } from '../common/bench-stack';
import { ConsumerFigures, ReadTarget, runService } from '../common/consumer-timing';
import type { OwnRedisServer } from '../common/own-redis-server';
import type { StatisticsBenchConfig } from './statistics-bench.config';

export interface StatisticsRun {
  config: StatisticsBenchConfig;
  stack: BenchStack;
  redis: OwnRedisServer;
  target: ReadTarget;
  outDir: string;
  profileDir: string;
}

const STATISTICS_ENTRY = '../../services/statistics/src/main.js';

/**
 * The compiled statistics service on the bench's redis-server, a fresh group, from its spawn
 * until the offsets its batch script stores in Redis reach every partition's end offset.
 */
export function runStatistics(run: StatisticsRun): Promise<ConsumerFigures> {
  const { config, stack, redis } = run;
  const groupId = `bench-statistics-${stack.run}`;
  const offsetsKey = statsKeys.offsets(groupId, TOPICS.donationsCounted);
  return runService(run.target, {
    name: 'statistics',
    start: () =>
      ServiceProcess.start({
        entry: resolve(__dirname, STATISTICS_ENTRY),
        env: {
          ...currentEnv(),
          KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
          TOPIC_PREFIX: stack.prefix,
          REDIS_URL: redis.url,
          REDIS_KEY_PREFIX: '',
          STATISTICS_GROUP_ID: groupId,
          LOG_LEVEL: config.BENCH_LOG_LEVEL,
        },
        logFile: resolve(run.outDir, `statistics-${stack.prefix}log`),
        nodeFlags: [
          '--disable-warning=TimeoutNegativeWarning',
          ...(config.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${run.profileDir}`] : []),
        ],
        readyTimeoutMs: config.BENCH_TIMEOUT_S * 1000,
      }),
    stored: async () => {
      const stored = await redis.client.hGetAll(offsetsKey);
      return new Map(Object.entries(stored).map(([partition, next]) => [Number(partition), next]));
    },
    watchPids: { redis: redis.pid },
  });
}
