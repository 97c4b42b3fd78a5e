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
 * donations.dlq value (key: the original message's key, or none). Nothing rejected is dropped:
 * the original bytes travel verbatim (base64) with a stable reason code so that an operator can
 * inspect and re-drive them. originalPartition/originalOffset locate a rejected Kafka message.
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
  originalValueBase64: Base64Schema,
  headers: z.record(z.string(), z.string()).optional(),
  receivedAt: IsoDateTimeSchema,
  correlationId: CorrelationIdSchema.optional(),
});

export type DeadLetter = z.infer<typeof DeadLetterSchema>;
