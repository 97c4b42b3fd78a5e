import { z } from 'zod';
import {
  Base64Schema,
  CorrelationIdSchema,
  IsoDateTimeSchema,
  NonNegativeSafeIntSchema,
} from '../common/primitive.schemas';

/** A stable reason code, `AREA.REASON` in capitals: `WEBHOOK.SIGNATURE_INVALID`. */
export const REASON_CODE_PATTERN = /^[A-Z][A-Z0-9_]*(\.[A-Z][A-Z0-9_]*)+$/;

export const ReasonCodeSchema = z
  .string()
  .max(64)
  .regex(REASON_CODE_PATTERN, 'must be AREA.REASON');

/**
 * donations.dlq value (key: the original message's key where it is ours, else
 * `<source>:<sha256 prefix>`; never a value the caller chose). Nothing rejected is dropped: the
 * original bytes travel verbatim (base64) with a stable reason code so that an operator can
 * inspect and re-drive them, except bytes that failed authentication: of those only the first
 * 4 KiB (originalTruncated), their size and their SHA-256 are kept. originalPartition and
 * originalOffset locate a rejected Kafka message.
 */
export const DeadLetterSchema = z.strictObject({
  reason: ReasonCodeSchema,
  message: z.string().max(2000),
  /** The service that rejected it: `adapter-alipay`, `aggregator`, ... */
  source: z.string().min(1).max(64),
  originalTopic: z.string().min(1).max(249).optional(),
  originalKey: z.string().max(1024).optional(),
  originalPartition: NonNegativeSafeIntSchema.optional(),
  originalOffset: z
    .string()
    .regex(/^\d{1,20}$/)
    .optional(),
  /** The original bytes, or their first 4 KiB when originalTruncated. */
  originalValueBase64: Base64Schema,
  /** The size of the original bytes, whole. */
  originalSize: NonNegativeSafeIntSchema.optional(),
  /** SHA-256 of the original bytes, whole (lower-case hex). */
  originalSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Only a prefix of the original bytes is kept (they failed authentication). */
  originalTruncated: z.boolean().optional(),
  /**
   * Set by the webhook path: whether the request passed signature verification. Only a letter
   * with `true` may be re-driven (its signature is not checked again: its timestamp is stale).
   */
  authenticated: z.boolean().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  receivedAt: IsoDateTimeSchema,
  correlationId: CorrelationIdSchema.optional(),
});

export type DeadLetter = z.infer<typeof DeadLetterSchema>;
