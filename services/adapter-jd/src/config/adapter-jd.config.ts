import { z } from 'zod';
import { AdapterEnvSchema } from '@donations/adapter-kit';
import { commaList, loadConfig } from '@donations/config';

/** `whsec_` followed by standard base64, as the Standard Webhooks spec issues secrets. */
const whsecSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'expected a whsec_<base64> secret');

export const AdapterJdConfigSchema = z.object({
  ...AdapterEnvSchema.shape,
  /** Standard Webhooks `whsec_` secrets, comma-separated; all verify (rotation: new,old). */
  JD_WEBHOOK_SECRETS: commaList(whsecSecret),
});

export type AdapterJdConfig = z.output<typeof AdapterJdConfigSchema>;

export const loadAdapterJdConfig = (): AdapterJdConfig => loadConfig(AdapterJdConfigSchema);
