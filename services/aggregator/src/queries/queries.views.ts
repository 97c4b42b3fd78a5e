/**
 * What the query endpoints answer. Amounts and counts are decimal strings (minor units), so that
 * no sum loses precision in JSON; times are ISO-8601.
 */
export interface CountersView {
  readonly raisedMinor: string;
  readonly refundedMinor: string;
  readonly donationCount: string;
  readonly refundCount: string;
}

export interface CurrencyTotalsView extends CountersView {
  /** raisedMinor - refundedMinor. */
  readonly netMinor: string;
  readonly byPlatform: Record<string, CountersView>;
  readonly firstEventAt: string | null;
  readonly lastEventAt: string | null;
}

export type TotalsByCurrencyView = Record<string, CurrencyTotalsView>;

export interface CampaignView {
  readonly campaignId: string;
  readonly charityId: string;
  readonly totals: TotalsByCurrencyView;
  readonly firstEventAt: string | null;
  readonly lastEventAt: string | null;
  /** The version of the campaign's latest message on the campaign-totals topic. */
  readonly version: number;
}

export interface CharityCampaignView {
  readonly campaignId: string;
  readonly totals: TotalsByCurrencyView;
}

export interface CharityView {
  readonly charityId: string;
  readonly totals: TotalsByCurrencyView;
  readonly firstEventAt: string | null;
  readonly lastEventAt: string | null;
  /** The version of the charity's latest message on the charity-rollups topic. */
  readonly version: number;
  readonly campaigns: readonly CharityCampaignView[];
}

export interface RankedCampaignView extends CountersView {
  readonly rank: number;
  readonly campaignId: string;
  readonly netMinor: string;
}

export interface TopCampaignsView {
  readonly charityId: string;
  readonly top: number;
  /** Per currency, the campaigns by net amount, highest first (ties by campaign id). */
  readonly byCurrency: Record<string, readonly RankedCampaignView[]>;
}

export interface LedgerEventView {
  readonly eventId: string;
  readonly type: string;
  readonly refundId: string | null;
  readonly amountMinor: string;
  readonly currency: string;
  readonly status: 'counted' | 'rejected';
  /** Why it was not counted (the dead-letter reason), when rejected. */
  readonly rejection: string | null;
  readonly occurredAt: string;
  readonly recordedAt: string;
}

export interface VerificationView {
  readonly platform: string;
  readonly platformTxnId: string;
  /** Whether the donation of this transaction is counted in the totals. */
  readonly donationCounted: boolean;
  readonly campaignId: string;
  readonly charityId: string;
  readonly events: readonly LedgerEventView[];
}
