import { z } from 'zod';
import { KafkaEnvSchema, loadConfig } from '@donations/config';
import { benchKnobs, flag, positiveInt, serviceLogLevel } from '../common/bench-knobs';

/**
 * The bench's knobs; KAFKA_BROKERS comes from `deploy/local/stack env`. Redis is the bench's
 * own redis-server (the shared one's REDIS_URL is not used).
 */
export const StatisticsBenchConfigSchema = z.object({
  KAFKA_BROKERS: KafkaEnvSchema.shape.KAFKA_BROKERS,
  /** donations.counted.v1 messages pre-produced (donations and refunds, duplicates dropped). */
  BENCH_EVENTS: positiveInt(1_000_000),
  BENCH_CAMPAIGNS: positiveInt(10_000),
  BENCH_CHARITIES: positiveInt(1_000),
  /** Distinct donors each platform draws from (five platforms). */
  BENCH_DONORS_PER_PLATFORM: positiveInt(200_000),
  /** Event time between consecutive messages: 10 ms spreads 1,000,000 events over 2.8 hours. */
  BENCH_EVENT_SPACING_MS: positiveInt(10),
  /** The statistics service's LOG_LEVEL (production's is info). */
  BENCH_LOG_LEVEL: serviceLogLevel,
  /** Writes a V8 CPU profile of the service to .cache/bench/profiles and prints its summary. */
  BENCH_CPU_PROF: flag,
  /** Keeps the bench's topics afterwards (its redis-server always goes). */
  BENCH_KEEP: flag,
  /** Gives up on a consumer that has not read or stored everything after this long (s). */
  BENCH_TIMEOUT_S: positiveInt(1_800),
  /** The redis-server binary the bench starts for the service. */
  BENCH_REDIS_SERVER: z.string().min(1).default('redis-server'),
});

export type StatisticsBenchConfig = z.output<typeof StatisticsBenchConfigSchema>;

export const loadStatisticsBenchConfig = (): StatisticsBenchConfig =>
  loadConfig(StatisticsBenchConfigSchema);

/** The knobs as set, for printing the command that reruns the same bench. */
export const BENCH_KNOBS = benchKnobs(StatisticsBenchConfigSchema);

/** The service's own settings the bench passes on from its environment (see README). */
export const STATISTICS_KNOBS = [
  'STATISTICS_PARTITIONS_CONCURRENTLY',
  'STATISTICS_FETCH_MAX_BYTES_PER_PARTITION',
  'STATISTICS_FETCH_MAX_BYTES',
] as const;
