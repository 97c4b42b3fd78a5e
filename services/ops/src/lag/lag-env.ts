import { z } from 'zod';
import { RedisSecurityEnvSchema } from '@donations/config';

/**
 * What `ops lag` reads besides OpsConfig: where the statistics keep their offsets (their Redis
 * and key prefix). Without REDIS_URL the statistics' groups are left out, and the report says so.
 */
export const LagEnvSchema = z.object({
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REDIS_KEY_PREFIX: z.string().default(''),
  ...RedisSecurityEnvSchema.shape,
});

export type LagEnv = z.output<typeof LagEnvSchema>;
