import type { AgeBand, DonationEventType, Platform } from '@donations/contracts';

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
  /** Minor units already refunded for this transaction by accepted refund events. */
  refundedSoFar(platformTxnId: string): Promise<number>;
}

/** A platform's payload mapping: the verified payload to drafts. Throws WebhookError. */
export interface PlatformMapping<P> {
  readonly platform: Platform;
  /** The platform transaction the request is about (the donations.raw key). */
  transactionIdOf(payload: P): string;
  toDrafts(payload: P, context: MappingContext): Promise<DonationDraft[]>;
  /**
   * A key to serialise on when the drafts depend on state the emission changes (a cumulative
   * refund figure): mapping, emission and receipt then run under one advisory lock.
   */
  serializationKeyOf?(payload: P): string | undefined;
}
