import { z } from 'zod';
import { DatabaseEnvSchema, KafkaEnvSchema, loadConfig } from '@donations/config';

const count = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .default('0')
  .transform((value) => value === '1' || value === 'true');

/** The bench's knobs; KAFKA_BROKERS and DATABASE_URL come from `deploy/local/stack env`. */
export const IngestBenchConfigSchema = z.object({
  KAFKA_BROKERS: KafkaEnvSchema.shape.KAFKA_BROKERS,
  DATABASE_URL: DatabaseEnvSchema.shape.DATABASE_URL,
  /** Measured requests per route and round (after the warm-up). */
  BENCH_REQUESTS: count(20_000),
  /** Keep-alive connections, each with one request in flight. */
  BENCH_CONNECTIONS: count(64),
  /** Requests per route before measuring (JIT, connections, producer, registry cache). */
  BENCH_WARMUP: count(5_000),
  /** Rounds of no-op then adapter; alternating spreads the machine's noise over both. */
  BENCH_ROUNDS: count(2),
  /** Campaigns (registered projects) the donations spread over. */
  BENCH_CAMPAIGNS: count(16),
  /** The adapter's LOG_LEVEL: `info` logs one line per request, as in production. */
  BENCH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
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
export const BENCH_KNOBS = [
  'BENCH_REQUESTS',
  'BENCH_CONNECTIONS',
  'BENCH_WARMUP',
  'BENCH_ROUNDS',
  'BENCH_CAMPAIGNS',
  'BENCH_LOG_LEVEL',
  'BENCH_CLIENT',
  'BENCH_CPU_PROF',
  'BENCH_KEEP',
] as const satisfies readonly (keyof IngestBenchConfig)[];
