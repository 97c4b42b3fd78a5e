import type { Admin } from 'kafkajs';
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

/** What the Redis readiness check needs of a client (node-redis's). */
export interface PingableRedis {
  /** Connected and past the handshake. */
  readonly isReady: boolean;
  ping(): Promise<string>;
}

/** Ready when the client is connected and Redis answers PING; fails at once while it is not. */
export function redisReadiness(redis: PingableRedis): ReadinessCheck {
  return {
    name: 'redis',
    check: async () => {
      if (!redis.isReady) throw new Error('not connected to Redis');
      const answer = await redis.ping();
      if (answer !== 'PONG') throw new Error(`unexpected PING answer ${answer}`);
    },
  };
}
