import {
  DonationCompletedV1Schema,
  donationEventId,
  DonationEventV1,
  DonationRefundedV1Schema,
  hashDonorId,
  Platform,
} from '@donations/contracts';
import type { DonationDraft } from './platform-mapping';
import { WebhookError, WebhookErrorCode } from './webhook.errors';

export interface EnvelopeContext {
  platform: Platform;
  receivedAt: Date;
  correlationId: string;
  donorHashKey: string;
}

/**
 * Adds the deterministic eventId, the envelope and the donor hash to a draft, then validates the
 * result against DonationEvent v1. A draft that fails gets the code of its first bad field.
 */
export function toDonationEvent(draft: DonationDraft, context: EnvelopeContext): DonationEventV1 {
  const { platform } = context;
  const donorKey = draft.donor.platformUserId ?? `anonymous:${draft.platformTxnId}`;
  const candidate = {
    eventId: safeEventId(platform, draft),
    type: draft.type,
    schemaVersion: 1,
    platform,
    platformTxnId: draft.platformTxnId,
    ...(draft.type === 'donation.refunded' ? { refundId: draft.refundId } : {}),
    campaignId: draft.campaignId,
    charityId: draft.charityId,
    amountMinor: draft.amountMinor,
    currency: draft.currency,
    occurredAt: draft.occurredAt,
    receivedAt: context.receivedAt.toISOString(),
    correlationId: context.correlationId,
    donor: {
      hash: hashDonorId(context.donorHashKey, platform, donorKey),
      ...(draft.donor.ageBand ? { ageBand: draft.donor.ageBand } : {}),
      ...(draft.donor.region ? { region: draft.donor.region } : {}),
    },
  };
  // The eventId was derived just above, so the contract's eventId re-derivation is skipped.
  const schema =
    draft.type === 'donation.refunded' ? DonationRefundedV1Schema : DonationCompletedV1Schema;
  const result = schema.safeParse(candidate);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const field = String(first.path[0] ?? '');
  throw new WebhookError(codeForField(field), `${field || 'event'}: ${first.message}`);
}

function safeEventId(platform: Platform, draft: DonationDraft): string {
  try {
    return donationEventId({
      platform,
      type: draft.type,
      platformTxnId: draft.platformTxnId,
      refundId: draft.refundId,
    });
  } catch (error) {
    throw new WebhookError('WEBHOOK.INVALID_EVENT', (error as Error).message);
  }
}

function codeForField(field: string): WebhookErrorCode {
  switch (field) {
    case 'amountMinor':
      return 'WEBHOOK.INVALID_AMOUNT';
    case 'currency':
      return 'WEBHOOK.UNKNOWN_CURRENCY';
    case 'charityId':
      return 'WEBHOOK.INVALID_CHARITY';
    case 'campaignId':
      return 'WEBHOOK.UNKNOWN_CAMPAIGN';
    default:
      return 'WEBHOOK.INVALID_EVENT';
  }
}
