import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { ReasonCodeSchema } from '../dlq/dead-letter';
import { RedriveRequestSchema } from '../dlq/dlq-redrive';
import { DonationEventTypeSchema } from '../donations/donation-type';

/** Records per `POST /operator/renormalise` request (the CLI also keeps a request small). */
export const RENORMALISE_MAX_RECORDS = 100;

/**
 * A donations.raw record as kept (bytes, selected headers, when, correlation id) and whether it
 * was accepted when received: an accepted request's events were counted then, so new ids it
 * gives now are reported, never sent (they could count a donation twice).
 */
export const RenormaliseRecordSchema = RedriveRequestSchema.extend({
  acceptedWhenReceived: z.boolean(),
});

export type RenormaliseRecord = z.infer<typeof RenormaliseRecordSchema>;

/**
 * `POST /operator/renormalise[?dryRun=true]` on an adapter: donations.raw records of its
 * platform, in the order to map them.
 */
export const RenormaliseRequestSchema = z.strictObject({
  records: z.array(RenormaliseRecordSchema).min(1).max(RENORMALISE_MAX_RECORDS),
});

export type RenormaliseRequest = z.infer<typeof RenormaliseRequestSchema>;

/** What an event says that counts: no donor, no envelope. */
export const RenormalisedFiguresSchema = z.strictObject({
  type: DonationEventTypeSchema,
  campaignId: z.string(),
  charityId: z.string(),
  amountMinor: z.number().int(),
  currency: z.string(),
  occurredAt: IsoDateTimeSchema,
});

export type RenormalisedFigures = z.infer<typeof RenormalisedFiguresSchema>;

/**
 * One event the current mapping gives: `new` (no adapter emitted this id before), `same` (it was
 * emitted with these figures), `differs` (it was emitted with the figures in `before`).
 */
export const RenormalisedEventSchema = z.strictObject({
  eventId: z.uuid(),
  status: z.enum(['new', 'same', 'differs']),
  after: RenormalisedFiguresSchema,
  before: RenormalisedFiguresSchema.nullable(),
});

export type RenormalisedEvent = z.infer<typeof RenormalisedEventSchema>;

/**
 * Each record's result, in request order: `mapped` with its events (`emitted`: its events were
 * sent, which happens when one is new, the record was rejected when received and it is not a dry
 * run), or `failing` with the reason the mapping gives.
 */
export const RenormaliseResultSchema = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('mapped'),
    emitted: z.boolean(),
    events: z.array(RenormalisedEventSchema),
  }),
  z.strictObject({
    outcome: z.literal('failing'),
    reason: ReasonCodeSchema,
    message: z.string().max(2000),
  }),
]);

export type RenormaliseResult = z.infer<typeof RenormaliseResultSchema>;

export const RenormaliseAnswerSchema = z
  .strictObject({
    dryRun: z.boolean(),
    results: z.array(RenormaliseResultSchema),
  })
  .meta({ id: 'RenormaliseAnswer' });

export type RenormaliseAnswer = z.infer<typeof RenormaliseAnswerSchema>;
