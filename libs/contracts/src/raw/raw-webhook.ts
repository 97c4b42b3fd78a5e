import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ContractError } from '../common/contract-error';
import { ExternalIdSchema } from '../common/identifier.schemas';
import { Base64Schema, CorrelationIdSchema, IsoDateTimeSchema } from '../common/primitive.schemas';
import { Platform, PlatformSchema } from '../donations/platform';
import { ReasonCodeSchema } from '../dlq/dead-letter';

/** Header names are kept lower-case, as Node delivers them. */
const HeaderNameSchema = z
  .string()
  .regex(/^[a-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a lower-case header name');

/**
 * What the adapter answered an authenticated request: accepted (its events are on
 * donations.normalized.v1), or rejected with the reason code of its dead letter.
 */
export const RawWebhookOutcomeSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('accepted') }),
  z.strictObject({
    status: z.literal('rejected'),
    reason: ReasonCodeSchema,
    message: z.string().max(2000),
  }),
]);

export type RawWebhookOutcome = z.infer<typeof RawWebhookOutcomeSchema>;

/**
 * donations.raw value (key: `platform:txnId`, see rawWebhookKey; rawWebhookBodyKey when the
 * transaction is unknown): every request that passed signature verification, as the platform
 * sent it, before any interpretation, for audit, re-drive and re-normalisation after a mapping
 * fix, with its outcome (absent on records written before outcomes were: those were all
 * accepted). Only selected headers are kept (signature, timestamp, content type), never cookies
 * or credentials.
 */
export const RawWebhookSchema = z.strictObject({
  platform: PlatformSchema,
  receivedAt: IsoDateTimeSchema,
  method: z.string().regex(/^[A-Z]{1,16}$/, 'must be an upper-case HTTP method'),
  path: z.string().max(2048).regex(/^\//, 'must start with /'),
  headers: z.record(HeaderNameSchema, z.string()),
  bodyBase64: Base64Schema,
  correlationId: CorrelationIdSchema,
  outcome: RawWebhookOutcomeSchema.optional(),
});

export type RawWebhook = z.infer<typeof RawWebhookSchema>;

/** The donations.raw key of a request: `alipay:2024090922001400001234567890`. */
export function rawWebhookKey(platform: Platform, platformTxnId: string): string {
  if (!ExternalIdSchema.safeParse(platformTxnId).success) {
    throw new ContractError('RAW.INVALID_TXN_ID', 'platformTxnId must be 1 to 128 characters');
  }
  return `${platform}:${platformTxnId}`;
}

/**
 * The donations.raw key of an authenticated request whose transaction is unknown (its mapping
 * failed before naming one): `shuidi#sha256:<the first 32 hex digits of the body's SHA-256>`.
 * Derived from the bytes, never from a header the caller chose; `#` keeps it apart from
 * `platform:txnId` keys.
 */
export function rawWebhookBodyKey(platform: Platform, body: Uint8Array): string {
  return `${platform}#sha256:${createHash('sha256').update(body).digest('hex').slice(0, 32)}`;
}
