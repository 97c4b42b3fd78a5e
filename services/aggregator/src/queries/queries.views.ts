import type {
  CampaignTotalsView,
  CharityCampaignView as CharityCampaignContract,
  CharityTotalsView,
  CountersView as CountersContract,
  CurrencyTotalsView as CurrencyTotalsContract,
  LedgerEventView as LedgerEventContract,
  RankedCampaignView as RankedCampaignContract,
  TopCampaignsView as TopCampaignsContract,
  TotalsByCurrencyView as TotalsByCurrencyContract,
  VerificationView as VerificationContract,
} from '@donations/contracts';

/**
 * What the query endpoints answer: the HTTP contracts of @donations/contracts (http/), which
 * clients parse with. Amounts and counts are decimal strings (minor units), so that no sum loses
 * precision in JSON; times are ISO-8601.
 */
export type CountersView = CountersContract;
export type CurrencyTotalsView = CurrencyTotalsContract;
export type TotalsByCurrencyView = TotalsByCurrencyContract;
export type CampaignView = CampaignTotalsView;
export type CharityCampaignView = CharityCampaignContract;
export type CharityView = CharityTotalsView;
export type RankedCampaignView = RankedCampaignContract;
export type TopCampaignsView = TopCampaignsContract;
export type LedgerEventView = LedgerEventContract;
export type VerificationView = VerificationContract;
