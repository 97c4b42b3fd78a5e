import { z } from 'zod';

/**
 * Every HTTP error answer of every service: a stable code (`AGGREGATE.NOT_FOUND`,
 * `WEBHOOK.SIGNATURE_INVALID`, `HTTP.BAD_REQUEST` ...), a message that never holds a secret, and,
 * on an unexpected error (500), the id of the log line that tells what happened.
 */
export const ErrorBodySchema = z
  .object({
    code: z.string(),
    message: z.string(),
    errorId: z.string().optional(),
  })
  .meta({ id: 'ErrorBody' });

export type ErrorBody = z.infer<typeof ErrorBodySchema>;
