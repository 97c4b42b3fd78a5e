import type { AgeBand, DonationEventType, Platform } from '@donations/contracts';
import type { RefundObservation } from '../receipts/refund-level';
import type { IssuedRefund, RefundReport } from '../receipts/refund-state.repository';

/** A campaign as the registry or a pass-through field names it. */
export interface CampaignRef {
  campaignId: string;
  charityId: string;
}

/** One donation or refund as a platform reported it, before ids and envelope are added. */
export interface DonationDraft {
  type: DonationEventType;
  platformTxnId: string;
  refundId?: string;
  campaignId: string;
  charityId: string;
  amountMinor: number;
  currency: string;
  occurredAt: string;
  donor: { platformUserId?: string; ageBand?: AgeBand; region?: string };
}

export interface MappingContext {
  receivedAt: Date;
  correlationId: string;
  /** Registry lookup of a platform project or merchant id; throws WEBHOOK.UNKNOWN_CAMPAIGN. */
  resolveCampaign(platformProjectId: string): Promise<CampaignRef>;
  /** The campaign an earlier accepted donation of this transaction went to, if any. */
  campaignOfTransaction(platformTxnId: string): Promise<CampaignRef | undefined>;
  /**
   * Records what a refund notification reports of its transaction (single refunds with their
   * ids, or a cumulative figure) and returns the refund events to emit: the rise of the
   * transaction's refunded level, if any, and any earlier one whose sending was not confirmed.
   * Only under the transaction's lock: the mapping's serializationKeyOf must name the transaction.
   */
  settleRefunds(report: Omit<RefundReport, 'source'>): Promise<IssuedRefund[]>;
}

export type { IssuedRefund, RefundObservation, RefundReport };

/** An issued refund as a draft (the donor is the notification's, when it names one). */
export function issuedRefundDraft(
  issued: IssuedRefund,
  donor: DonationDraft['donor'] = {},
): DonationDraft {
  return { type: 'donation.refunded', ...issued, donor };
}

/** A platform's payload mapping: the verified payload to drafts. Throws WebhookError. */
export interface PlatformMapping<P> {
  readonly platform: Platform;
  /** The platform transaction the request is about (the donations.raw key). */
  transactionIdOf(payload: P): string;
  toDrafts(payload: P, context: MappingContext): Promise<DonationDraft[]>;
  /**
   * A key to serialise on when the drafts depend on per-transaction state (any refund: see
   * settleRefunds): the platformTxnId. Mapping, emission and receipt then run under one advisory
   * lock, the one a statement import takes for the same transaction.
   */
  serializationKeyOf?(payload: P): string | undefined;
}
