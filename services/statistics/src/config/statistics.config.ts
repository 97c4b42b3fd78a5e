import { z } from 'zod';
import {
  KafkaEnvSchema,
  loadConfig,
  optionalTokenSchema,
  RedisEnvSchema,
  ServiceEnvSchema,
} from '@donations/config';

export const StatisticsConfigSchema = z.object({
  ...ServiceEnvSchema.shape,
  ...KafkaEnvSchema.shape,
  ...RedisEnvSchema.shape,
  /** The consumer group; its offsets live in Redis beside the statistics. */
  STATISTICS_GROUP_ID: z.string().min(1).default('statistics'),
  /** How many partitions' batches are applied at the same time. */
  STATISTICS_PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(4),
  /**
   * Most bytes fetched per partition, which bounds a batch (and one Lua script call). Redis
   * works per distinct (key, field) of a batch, not per event: the larger the batch, the more
   * events of a campaign share its calls (1 MiB: about 1,200 counted events).
   */
  STATISTICS_FETCH_MAX_BYTES_PER_PARTITION: z.coerce.number().int().positive().default(1_048_576),
  /** Most bytes of one fetch over all partitions (kafkajs maxBytes). */
  STATISTICS_FETCH_MAX_BYTES: z.coerce.number().int().positive().default(10_485_760),
  /** As AGGREGATOR_FETCH_MIN_BYTES and _MAX_WAIT_MS (kafkajs' defaults: answer at once). */
  STATISTICS_FETCH_MIN_BYTES: z.coerce.number().int().min(1).default(1),
  STATISTICS_FETCH_MAX_WAIT_MS: z.coerce.number().int().min(0).max(5_000).default(5_000),
  KAFKA_ACK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  /** A crashed member's partitions move to the others after this long. */
  STATISTICS_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).default(10_000),
  /**
   * The pause between two publications of the changed figures (stats.overview.v1,
   * stats.timeseries.v1): a key goes out at most once per pause. Short, so that it does not set
   * the figures' freshness; longer means fewer messages per busy key.
   */
  STATISTICS_PUBLISH_INTERVAL_MS: z.coerce.number().int().min(10).default(200),
  /** How often the service checks that its state in Redis is still there (rebuild marker). */
  STATISTICS_STATE_CHECK_INTERVAL_MS: z.coerce.number().int().positive().default(1_000),
  /** Operators' endpoints (POST /rebuilds, DELETE /rebuilds/:n) need it as a Bearer token; unset: 404. */
  OPERATOR_TOKEN: optionalTokenSchema,
  /** A shadow rebuild switches in once at most this many messages behind the live consumer. */
  STATISTICS_SWITCH_LAG: z.coerce.number().int().nonnegative().default(1_000),
  /** How long the switch holds the live writers back while the shadow reads the rest. */
  STATISTICS_SWITCH_WITHIN_MS: z.coerce.number().int().positive().default(2_000),
});

export type StatisticsConfig = z.output<typeof StatisticsConfigSchema>;

export const loadStatisticsConfig = (): StatisticsConfig => loadConfig(StatisticsConfigSchema);
