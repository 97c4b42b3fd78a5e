import { z } from 'zod';
import { DatabaseEnvSchema, KafkaEnvSchema, loadConfig } from '@donations/config';
import { benchKnobs, flag, positiveInt, serviceLogLevel } from '../common/bench-knobs';

/** The bench's knobs; KAFKA_BROKERS and DATABASE_URL come from `deploy/local/stack env`. */
export const IngestBenchConfigSchema = z.object({
  KAFKA_BROKERS: KafkaEnvSchema.shape.KAFKA_BROKERS,
  DATABASE_URL: DatabaseEnvSchema.shape.DATABASE_URL,
  /** Measured requests per route and round (after the warm-up). */
  BENCH_REQUESTS: positiveInt(20_000),
  /** Keep-alive connections, each with one request in flight. */
  BENCH_CONNECTIONS: positiveInt(64),
  /** Requests per route before measuring (JIT, connections, producer, registry cache). */
  BENCH_WARMUP: positiveInt(5_000),
  /** Rounds of no-op then adapter; alternating spreads the machine's noise over both. */
  BENCH_ROUNDS: positiveInt(2),
  /** Campaigns (registered projects) the donations spread over. */
  BENCH_CAMPAIGNS: positiveInt(16),
  /** The adapter's LOG_LEVEL: `info` logs one line per request, as in production. */
  BENCH_LOG_LEVEL: serviceLogLevel,
  /** The load generator: `raw` (lean, pre-serialised on node:net) or `node-http` (node:http). */
  BENCH_CLIENT: z.enum(['raw', 'node-http']).default('raw'),
  /** Writes a V8 CPU profile of the adapter process to .cache/bench/profiles. */
  BENCH_CPU_PROF: flag,
  /** Keeps the bench's topics and schema afterwards (for inspection). */
  BENCH_KEEP: flag,
});

export type IngestBenchConfig = z.output<typeof IngestBenchConfigSchema>;

export const loadIngestBenchConfig = (): IngestBenchConfig => loadConfig(IngestBenchConfigSchema);

/** The knobs as set, for printing the command that reruns the same bench. */
export const BENCH_KNOBS = benchKnobs(IngestBenchConfigSchema);
