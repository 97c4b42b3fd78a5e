import { z } from 'zod';
import { DatabaseEnvSchema, KafkaEnvSchema, loadConfig, RedisEnvSchema } from '@donations/config';
import { benchKnobs, flag, positiveInt, serviceLogLevel } from '../common/bench-knobs';

/** `200,500` -> [200, 500]: positive integers, ascending. */
const rateList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'a comma-separated list of webhooks per second')
  .transform((list) => list.split(',').map(Number))
  .refine((rates) => rates.every((rate) => rate > 0), 'rates are positive')
  .transform((rates) => [...rates].sort((a, b) => a - b));

/** The bench's knobs; KAFKA_BROKERS, DATABASE_URL and REDIS_URL come from `deploy/local/stack env`. */
export const SystemBenchConfigSchema = z.object({
  KAFKA_BROKERS: KafkaEnvSchema.shape.KAFKA_BROKERS,
  DATABASE_URL: DatabaseEnvSchema.shape.DATABASE_URL,
  REDIS_URL: RedisEnvSchema.shape.REDIS_URL,
  /** Steady offered rates, signed webhooks per second, run in ascending order. */
  BENCH_RATES: rateList.default([200, 500, 1_000, 2_000]),
  /** How long each rate is offered. */
  BENCH_SECONDS: positiveInt(15),
  /** After the last answer of a rate, how long to wait for every donation on both topics. */
  BENCH_DRAIN_SECONDS: positiveInt(30),
  /** Seconds of the lowest rate before measuring (connections, JIT, consumers joined). */
  BENCH_WARMUP_SECONDS: positiveInt(3),
  /** Freshness p99 a rate must keep on both topics to count as held. */
  BENCH_FRESHNESS_MS: positiveInt(1_000),
  /** Services started (dist/services/<name>); empty: every one with a deploy/local/env file. */
  BENCH_SERVICES: z.string().default(''),
  /** Campaigns per charity (a new campaign per donation). */
  BENCH_CAMPAIGNS_PER_CHARITY: positiveInt(10),
  /** Most keep-alive connections to the adapter; beyond them requests queue in the bench. */
  BENCH_CONNECTIONS: positiveInt(256),
  /** The services' LOG_LEVEL: `info` is production's (one line per webhook in the adapter). */
  BENCH_LOG_LEVEL: serviceLogLevel,
  /** Keeps the run's topics, schema and Redis keys afterwards (for inspection). */
  BENCH_KEEP: flag,
});

export type SystemBenchConfig = z.output<typeof SystemBenchConfigSchema>;

export const loadSystemBenchConfig = (): SystemBenchConfig => loadConfig(SystemBenchConfigSchema);

/** The knobs as set, for printing the command that reruns the same bench. */
export const BENCH_KNOBS = benchKnobs(SystemBenchConfigSchema);
