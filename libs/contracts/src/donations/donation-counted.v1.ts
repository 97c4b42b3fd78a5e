import { z } from 'zod';
import { DonationCompletedV1Schema, DonationRefundedV1Schema } from './donation-event.v1';

/** A Kafka offset as kafkajs gives it: a decimal string of a non-negative integer. */
export const KafkaOffsetSchema = z.string().regex(/^(0|[1-9]\d{0,18})$/, 'a Kafka offset');

/**
 * What the aggregator's ledger decided for one event it read from donations.normalized.v1 for
 * the first time: `counted` (in the totals), or `not-counted` with the dead letter's reason
 * (a refund beyond its donation, a total out of range, a value PostgreSQL refuses). Events the
 * ledger already held (duplicates) have no message: they were decided when first seen.
 */
export const COUNTED_DECISIONS = ['counted', 'not-counted'] as const;
export type CountedDecision = (typeof COUNTED_DECISIONS)[number];

/**
 * The events of the counted stream are the normalized events the aggregator validated already
 * (eventId included): the object schemas without the eventId re-derivation, so a projection
 * reading the stream pays no UUIDv5 per event.
 */
const CountedEventSchema = z.discriminatedUnion('type', [
  DonationCompletedV1Schema,
  DonationRefundedV1Schema,
]);

/**
 * donations.counted.v1 value (key: campaignId, partition: `source.partition`, the partition the
 * event was read from). One message per event new to the ledger, written through the
 * aggregator's outbox in the batch's transaction, so the stream holds exactly the ledger's
 * decisions; the relay may publish a message again after a crash, with the same `source`. A
 * projection keeps per partition the last `source.offset` it applied, in the same atomic step as
 * its updates, and skips any message at or below it: exact, with O(1) state.
 */
export const DonationCountedV1Schema = z.strictObject({
  schemaVersion: z.literal(1),
  /** Where the event was read: donations.normalized.v1 partition (= this message's) and offset. */
  source: z.strictObject({ partition: z.int().nonnegative(), offset: KafkaOffsetSchema }),
  decision: z.enum(COUNTED_DECISIONS),
  /** The dead letter's reason code when `not-counted` (AGGREGATE.REFUND_EXCEEDS_DONATION, ...). */
  reason: z.string().min(1).max(100).optional(),
  event: CountedEventSchema,
  /**
   * Refunds counted by earlier events that this event (a donation arriving after them) shows to
   * exceed the donation: taken back from the totals now. Usually empty.
   */
  takenBack: z.array(DonationRefundedV1Schema),
});

export type DonationCountedV1 = z.infer<typeof DonationCountedV1Schema>;
