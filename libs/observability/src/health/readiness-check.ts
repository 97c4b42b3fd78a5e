import type { Admin } from 'kafkajs';
import type { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';

/** A dependency /health/ready verifies: throws when the dependency does not answer. */
export interface ReadinessCheck {
  name: string;
  check(signal: AbortSignal): Promise<Record<string, unknown> | void>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

export function kafkaReadiness(admin: Admin): ReadinessCheck {
  return {
    name: 'kafka',
    check: async () => {
      const cluster = await admin.describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    },
  };
}

export function postgresReadiness(dataSource: DataSource): ReadinessCheck {
  return {
    name: 'postgres',
    check: async () => {
      await dataSource.query('SELECT 1');
    },
  };
}

export function redisReadiness(redis: Redis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      const answer: string = await redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    },
  };
}
