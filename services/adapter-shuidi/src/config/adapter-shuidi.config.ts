import { z } from 'zod';
import { AdapterEnvSchema, secretList } from '@donations/adapter-kit';
import { loadConfig } from '@donations/config';

export const AdapterShuidiConfigSchema = z.object({
  ...AdapterEnvSchema.shape,
  /** Standard Webhooks `whsec_` secrets, comma-separated; the first signs, all verify. */
  SHUIDI_WEBHOOK_SECRETS: secretList,
});

export type AdapterShuidiConfig = z.output<typeof AdapterShuidiConfigSchema>;

export const loadAdapterShuidiConfig = (): AdapterShuidiConfig =>
  loadConfig(AdapterShuidiConfigSchema);
