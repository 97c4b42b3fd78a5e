import { z } from 'zod';
import {
  IsoDateTimeSchema,
  NonNegativeSafeIntSchema,
  PositiveSafeIntSchema,
} from '../common/primitive.schemas';

/** A counter or amount in minor units as decimal text: no sum loses precision in JSON. */
export const DecimalCounterSchema = z.string().regex(/^-?\d+$/, 'must be a decimal integer');

/** Raised, refunded and their counts, as the aggregator's HTTP views give them. */
export const CountersViewSchema = z.strictObject({
  raisedMinor: DecimalCounterSchema,
  refundedMinor: DecimalCounterSchema,
  donationCount: DecimalCounterSchema,
  refundCount: DecimalCounterSchema,
});

/** One currency's totals: netMinor is raisedMinor - refundedMinor; a breakdown by platform. */
export const CurrencyTotalsViewSchema = CountersViewSchema.extend({
  netMinor: DecimalCounterSchema,
  byPlatform: z.record(z.string(), CountersViewSchema),
  firstEventAt: IsoDateTimeSchema.nullable(),
  lastEventAt: IsoDateTimeSchema.nullable(),
});

/** Totals per currency code (`CNY`, `USD` ...). */
export const TotalsByCurrencyViewSchema = z.record(z.string(), CurrencyTotalsViewSchema);

/** `GET /campaigns/:id` on the aggregator. */
export const CampaignTotalsViewSchema = z
  .strictObject({
    campaignId: z.string(),
    charityId: z.string(),
    totals: TotalsByCurrencyViewSchema,
    firstEventAt: IsoDateTimeSchema.nullable(),
    lastEventAt: IsoDateTimeSchema.nullable(),
    /** The version of the campaign's latest message on the campaign-totals topic (0: none yet). */
    version: NonNegativeSafeIntSchema,
  })
  .meta({ id: 'CampaignTotalsView' });

export const CharityCampaignViewSchema = z.strictObject({
  campaignId: z.string(),
  totals: TotalsByCurrencyViewSchema,
});

/** `GET /charities/:id` on the aggregator: the rollup and each of the charity's campaigns. */
export const CharityTotalsViewSchema = z
  .strictObject({
    charityId: z.string(),
    totals: TotalsByCurrencyViewSchema,
    firstEventAt: IsoDateTimeSchema.nullable(),
    lastEventAt: IsoDateTimeSchema.nullable(),
    /** The version of the charity's latest message on the charity-rollups topic (0: none yet). */
    version: NonNegativeSafeIntSchema,
    campaigns: z.array(CharityCampaignViewSchema),
  })
  .meta({ id: 'CharityTotalsView' });

export const RankedCampaignViewSchema = CountersViewSchema.extend({
  rank: PositiveSafeIntSchema,
  campaignId: z.string(),
  netMinor: DecimalCounterSchema,
});

/** `GET /campaigns?charityId=&top=`: per currency, the campaigns by net amount, highest first. */
export const TopCampaignsViewSchema = z
  .strictObject({
    charityId: z.string(),
    top: PositiveSafeIntSchema,
    byCurrency: z.record(z.string(), z.array(RankedCampaignViewSchema)),
  })
  .meta({ id: 'TopCampaignsView' });

export type CountersView = z.infer<typeof CountersViewSchema>;
export type CurrencyTotalsView = z.infer<typeof CurrencyTotalsViewSchema>;
export type TotalsByCurrencyView = z.infer<typeof TotalsByCurrencyViewSchema>;
export type CampaignTotalsView = z.infer<typeof CampaignTotalsViewSchema>;
export type CharityCampaignView = z.infer<typeof CharityCampaignViewSchema>;
export type CharityTotalsView = z.infer<typeof CharityTotalsViewSchema>;
export type RankedCampaignView = z.infer<typeof RankedCampaignViewSchema>;
export type TopCampaignsView = z.infer<typeof TopCampaignsViewSchema>;
