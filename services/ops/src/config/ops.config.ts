import { z } from 'zod';
import { DatabaseEnvSchema, KafkaEnvSchema, loadConfig } from '@donations/config';

export const OpsConfigSchema = z.object({
  ...KafkaEnvSchema.shape,
  ...DatabaseEnvSchema.shape,
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(1).default(1),
});

export type OpsConfig = z.output<typeof OpsConfigSchema>;

export const loadOpsConfig = (): OpsConfig => loadConfig(OpsConfigSchema);
