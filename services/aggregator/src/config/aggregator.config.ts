import { z } from 'zod';
import { DatabaseEnvSchema, KafkaEnvSchema, loadConfig, ServiceEnvSchema } from '@donations/config';

export const AggregatorConfigSchema = z.object({
  ...ServiceEnvSchema.shape,
  ...KafkaEnvSchema.shape,
  ...DatabaseEnvSchema.shape,
  /** The consumer group; its offsets live in consumer_offsets beside the totals. */
  AGGREGATOR_GROUP_ID: z.string().min(1).default('aggregator'),
  /** How many partitions' batches are applied at the same time. */
  AGGREGATOR_PARTITIONS_CONCURRENTLY: z.coerce.number().int().positive().default(4),
  KAFKA_ACK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
});

export type AggregatorConfig = z.output<typeof AggregatorConfigSchema>;

export const loadAggregatorConfig = (): AggregatorConfig => loadConfig(AggregatorConfigSchema);
