import { z } from 'zod';
import {
  DatabaseEnvSchema,
  KafkaEnvSchema,
  loadConfig,
  optionalTokenSchema,
  ServiceEnvSchema,
} from '@donations/config';

export const AggregatorConfigSchema = z.object({
  ...ServiceEnvSchema.shape,
  ...KafkaEnvSchema.shape,
  ...DatabaseEnvSchema.shape,
  /** The consumer group; its offsets live in consumer_offsets beside the totals. */
  AGGREGATOR_GROUP_ID: z.string().min(1).default('aggregator'),
  /** How many partitions' batches are applied at the same time. */
  AGGREGATOR_PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(4),
  /**
   * Most bytes fetched per partition, which bounds a batch: 8 MiB is ~16,000 events, so the
   * per-transaction work (charity rows, offsets, commit) is shared by many (bench/aggregate).
   */
  AGGREGATOR_FETCH_MAX_BYTES_PER_PARTITION: z.coerce.number().int().positive().default(8_388_608),
  /** Most bytes of one fetch over all partitions. */
  AGGREGATOR_FETCH_MAX_BYTES: z.coerce.number().int().positive().default(67_108_864),
  /**
   * A fetch waits for this many bytes or AGGREGATOR_FETCH_MAX_WAIT_MS, whichever comes first
   * (kafkajs' defaults: 1 byte, 5 s, i.e. it answers as soon as anything arrived). Waiting for
   * 64 KiB or 100 ms made batches larger at low rates and cut PostgreSQL's and Kafka's CPU by
   * a fifth, but the whole system answered and published later on this 2-core machine
   * (docs/benchmarks.md, "Whole system", fetch wait A/B): the knob stays, off by default.
   */
  AGGREGATOR_FETCH_MIN_BYTES: z.coerce.number().int().min(1).default(1),
  AGGREGATOR_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(5_000),
  /**
   * How long the group waits for a member that stopped heartbeating (a crashed process) before
   * its partitions move; heartbeats go every tenth of it.
   */
  AGGREGATOR_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(10_000),
  /** A rebuild switches its generation in once at most this many events behind the live ones. */
  REBUILD_SWITCH_LAG: z.coerce.number().int().nonnegative().default(1_000),
  /**
   * Bearer token of the operators' endpoints (POST /rebuilds). Unset, they answer 404, so an
   * aggregator never starts a rebuild for someone who merely reached its port.
   */
  OPERATOR_TOKEN: optionalTokenSchema,
  KAFKA_ACK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
});

export type AggregatorConfig = z.output<typeof AggregatorConfigSchema>;

export const loadAggregatorConfig = (): AggregatorConfig => loadConfig(AggregatorConfigSchema);
