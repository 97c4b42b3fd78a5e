import { z } from 'zod';
import { IsoDateTimeSchema, PositiveSafeIntSchema } from '../common/primitive.schemas';
import { CampaignIdSchema } from '../common/identifier.schemas';
import { TotalsByCurrencySchema } from './currency-totals.schema';

/**
 * aggregates.campaign-totals.v1 value (key: campaignId, compacted): the current totals of one
 * campaign. `version` grows with every change of this key: a consumer drops a message whose
 * version is not above the one it holds. first/lastEventAt are the earliest and latest
 * occurredAt counted; updatedAt is when the aggregator produced this state.
 */
export const CampaignTotalsV1Schema = z.strictObject({
  campaignId: CampaignIdSchema,
  version: PositiveSafeIntSchema,
  totals: TotalsByCurrencySchema,
  firstEventAt: IsoDateTimeSchema,
  lastEventAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});

export type CampaignTotalsV1 = z.infer<typeof CampaignTotalsV1Schema>;
