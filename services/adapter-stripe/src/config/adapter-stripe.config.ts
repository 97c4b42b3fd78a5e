import { z } from 'zod';
import { AdapterEnvSchema } from '@donations/adapter-kit';
import { commaList, loadConfig } from '@donations/config';

export const AdapterStripeConfigSchema = z.object({
  ...AdapterEnvSchema.shape,
  /**
   * Endpoint signing secrets (`whsec_...`), comma-separated: during a roll both the old and the
   * new secret verify. Never logged.
   */
  STRIPE_WEBHOOK_SECRETS: commaList(z.string().regex(/^whsec_\S+$/, 'expected whsec_...')),
});

export type AdapterStripeConfig = z.output<typeof AdapterStripeConfigSchema>;

export const loadAdapterStripeConfig = (): AdapterStripeConfig =>
  loadConfig(AdapterStripeConfigSchema);
