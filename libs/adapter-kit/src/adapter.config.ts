import { z } from 'zod';
import {
  commaList,
  DatabaseEnvSchema,
  KafkaEnvSchema,
  optionalTokenSchema,
  ServiceEnvSchema,
} from '@donations/config';

/** A comma-separated list of secrets or keys (several during rotation), none empty. */
export const secretList = commaList();

/** What every adapter reads from its environment; each adds its platform's keys. */
export const AdapterEnvSchema = z.object({
  ...ServiceEnvSchema.shape,
  ...KafkaEnvSchema.shape,
  ...DatabaseEnvSchema.shape,
  /** HMAC key of donor ids: donors are counted without being identifiable. */
  DONOR_HASH_KEY: z.string().min(32, 'must be at least 32 characters'),
  WEBHOOK_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(256 * 1024),
  WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
  KAFKA_ACK_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  STATEMENT_IMPORT_TOKEN: optionalTokenSchema,
  /** The operators' endpoints (`/operator/*`: DLQ re-drive, registry); unset: disabled. */
  OPERATOR_TOKEN: optionalTokenSchema,
});

export type AdapterEnv = z.output<typeof AdapterEnvSchema>;
