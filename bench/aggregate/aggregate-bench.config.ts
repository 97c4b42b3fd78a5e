import { z } from 'zod';
import { DatabaseEnvSchema, KafkaEnvSchema, loadConfig } from '@donations/config';
import { benchKnobs, flag, positiveInt, serviceLogLevel } from '../common/bench-knobs';

/** The bench's knobs; KAFKA_BROKERS and DATABASE_URL come from `deploy/local/stack env`. */
export const AggregateBenchConfigSchema = z.object({
  KAFKA_BROKERS: KafkaEnvSchema.shape.KAFKA_BROKERS,
  DATABASE_URL: DatabaseEnvSchema.shape.DATABASE_URL,
  /** Messages pre-produced per dataset (duplicates and refunds included). */
  BENCH_EVENTS: positiveInt(1_000_000),
  /** Campaigns of the throughput dataset (the memory dataset has one per donation). */
  BENCH_CAMPAIGNS: positiveInt(10_000),
  /** Charities the campaigns belong to. */
  BENCH_CHARITIES: positiveInt(1_000),
  /** `0` skips the second dataset (one campaign per donation) and its memory figure. */
  BENCH_MEMORY_RUN: z
    .enum(['0', '1', 'true', 'false', ''])
    .default('1')
    .transform((value) => value !== '0' && value !== 'false'),
  /** The aggregator's LOG_LEVEL (production's is info). */
  BENCH_LOG_LEVEL: serviceLogLevel,
  /** Writes a V8 CPU profile of the aggregator (throughput dataset) to .cache/bench/profiles. */
  BENCH_CPU_PROF: flag,
  /** Keeps the bench's topics and schemas afterwards (for inspection). */
  BENCH_KEEP: flag,
  /** Gives up on a consumer that has not read or committed everything after this long (s). */
  BENCH_TIMEOUT_S: positiveInt(900),
});

export type AggregateBenchConfig = z.output<typeof AggregateBenchConfigSchema>;

export const loadAggregateBenchConfig = (): AggregateBenchConfig =>
  loadConfig(AggregateBenchConfigSchema);

/** The knobs as set, for printing the command that reruns the same bench. */
export const BENCH_KNOBS = benchKnobs(AggregateBenchConfigSchema);

/** The aggregator's own settings the bench passes on from its environment (see README). */
export const AGGREGATOR_KNOBS = [
  'AGGREGATOR_PARTITIONS_CONCURRENTLY',
  'AGGREGATOR_FETCH_MAX_BYTES_PER_PARTITION',
  'AGGREGATOR_FETCH_MAX_BYTES',
] as const;
