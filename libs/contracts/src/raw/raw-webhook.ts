import { z } from 'zod';
import { ContractError } from '../common/contract-error';
import { ExternalIdSchema } from '../common/identifier.schemas';
import { Base64Schema, CorrelationIdSchema, IsoDateTimeSchema } from '../common/primitive.schemas';
import { Platform, PlatformSchema } from '../donations/platform';

/** Header names are kept lower-case, as Node delivers them. */
const HeaderNameSchema = z
  .string()
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a lower-case header name');

/**
 * donations.raw value (key: `platform:txnId`, see rawWebhookKey): the request as the platform
 * sent it, before any interpretation, for audit and re-normalisation after a mapping fix. Only
 * selected headers are kept (signature, timestamp, content type), never cookies or credentials.
 */
export const RawWebhookSchema = z.strictObject({
  platform: PlatformSchema,
  receivedAt: IsoDateTimeSchema,
  method: z.string().regex(/^[A-Z]{1,16}$/, 'must be an upper-case HTTP method'),
  path: z.string().max(2048).regex(/^\//, 'must start with /'),
  headers: z.record(HeaderNameSchema, z.string()),
  bodyBase64: Base64Schema,
  correlationId: CorrelationIdSchema,
});

export type RawWebhook = z.infer<typeof RawWebhookSchema>;

/** The donations.raw key of a request: `alipay:2024090922001400001234567890`. */
export function rawWebhookKey(platform: Platform, platformTxnId: string): string {
  if (!ExternalIdSchema.safeParse(platformTxnId).success) {
    throw new ContractError('RAW.INVALID_TXN_ID', 'platformTxnId must be 1 to 128 characters');
  }
  return `${platform}:${platformTxnId}`;
}
