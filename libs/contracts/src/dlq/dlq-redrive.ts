import { z } from 'zod';
import { Base64Schema, CorrelationIdSchema, IsoDateTimeSchema } from '../common/primitive.schemas';
import { ErrorBodySchema } from '../http/error-body';
import { ReasonCodeSchema } from './dead-letter';

/**
 * `POST /operator/redrive` on an adapter: a dead-lettered request that was authenticated when
 * received, as its dead letter keeps it (bytes, selected headers, when, correlation id).
 */
export const RedriveRequestSchema = z.strictObject({
  bodyBase64: Base64Schema,
  headers: z.record(z.string().max(128), z.string().max(8192)),
  receivedAt: IsoDateTimeSchema,
  correlationId: CorrelationIdSchema,
});

export type RedriveRequest = z.infer<typeof RedriveRequestSchema>;

/**
 * What a re-drive did: `counted` (its events are on donations.normalized.v1 again, with their
 * deterministic ids: counted once however often re-driven), or `failing` with the reason code the
 * mapping still gives.
 */
export const RedriveAnswerSchema = z
  .discriminatedUnion('outcome', [
    z.strictObject({ outcome: z.literal('counted'), eventIds: z.array(z.uuid()) }),
    z.strictObject({
      outcome: z.literal('failing'),
      reason: ReasonCodeSchema,
      message: z.string().max(2000),
    }),
  ])
  .meta({ id: 'RedriveAnswer' });

export type RedriveAnswer = z.infer<typeof RedriveAnswerSchema>;

/** An operator endpoint's error answer (adapters' and aggregator's alike): the shared body. */
export const OperatorErrorBodySchema = ErrorBodySchema;
