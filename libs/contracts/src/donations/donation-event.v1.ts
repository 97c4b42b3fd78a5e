import { z } from 'zod';
import { UsccSchema } from '../charity/uscc';
import { CampaignIdSchema, ExternalIdSchema } from '../common/identifier.schemas';
import { formatIssues } from '../common/parse-result';
import {
  CorrelationIdSchema,
  IsoDateTimeSchema,
  PositiveSafeIntSchema,
} from '../common/primitive.schemas';
import { CurrencySchema } from '../money/currency';
import { DonorSchema } from './donor';
import { donationEventId } from './event-id';
import { PlatformSchema } from './platform';

const commonFields = {
  eventId: z.uuid(),
  schemaVersion: z.literal(1),
  platform: PlatformSchema,
  platformTxnId: ExternalIdSchema,
  campaignId: CampaignIdSchema,
  charityId: UsccSchema,
  /** Donated amount, or for a refund the amount of this refund (not a cumulative one). */
  amountMinor: PositiveSafeIntSchema,
  currency: CurrencySchema,
  occurredAt: IsoDateTimeSchema,
  receivedAt: IsoDateTimeSchema,
  correlationId: CorrelationIdSchema,
  donor: DonorSchema,
};

export const DonationCompletedV1Schema = z.strictObject({
  ...commonFields,
  type: z.literal('donation.completed'),
});

export const DonationRefundedV1Schema = z.strictObject({
  ...commonFields,
  type: z.literal('donation.refunded'),
  refundId: ExternalIdSchema,
});

export const EVENT_ID_MISMATCH = 'eventId does not match platform/type/txn/refund';

/**
 * donations.normalized.v1 value (key: campaignId). A donation has no refundId, a refund must
 * have one, and eventId must be donationEventId() of the fields, so that a forged or mistyped id
 * cannot make one donation count twice.
 */
export const DonationEventV1Schema = z
  .discriminatedUnion('type', [DonationCompletedV1Schema, DonationRefundedV1Schema])
  .superRefine((event, ctx) => {
    const expected = expectedEventId(event);
    if (expected !== undefined && event.eventId !== expected) {
      ctx.addIssue({ code: 'custom', path: ['eventId'], message: EVENT_ID_MISMATCH });
    }
  });

/**
 * zod still runs the refinement when a field only failed a length check; an empty id then
 * has no eventId, and the field's own issue already explains why.
 */
function expectedEventId(event: DonationCompletedV1 | DonationRefundedV1): string | undefined {
  const { platform, type, platformTxnId } = event;
  const refundId = event.type === 'donation.refunded' ? event.refundId : undefined;
  try {
    return donationEventId({ platform, type, platformTxnId, refundId });
  } catch {
    return undefined;
  }
}

export type DonationCompletedV1 = z.infer<typeof DonationCompletedV1Schema>;
export type DonationRefundedV1 = z.infer<typeof DonationRefundedV1Schema>;
export type DonationEventV1 = z.infer<typeof DonationEventV1Schema>;

export type DonationEventParseResult =
  { ok: true; event: DonationEventV1 } | { ok: false; issues: string[] };

/** Validates an untrusted value (a decoded Kafka message) as a v1 donation event. */
export function parseDonationEvent(json: unknown): DonationEventParseResult {
  const result = DonationEventV1Schema.safeParse(json);
  if (result.success) {
    return { ok: true, event: result.data };
  }
  return { ok: false, issues: formatIssues(result.error.issues) };
}
