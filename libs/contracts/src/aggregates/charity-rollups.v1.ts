import { z } from 'zod';
import { UsccSchema } from '../charity/uscc';
import {
  IsoDateTimeSchema,
  NonNegativeSafeIntSchema,
  PositiveSafeIntSchema,
} from '../common/primitive.schemas';
import { TotalsByCurrencySchema } from './currency-totals.schema';

/**
 * aggregates.charity-rollups.v1 value (key: charityId, the USCC; compacted): the totals of all
 * the charity's campaigns, with the number of campaigns counted. Versioned like campaign totals.
 */
export const CharityRollupV1Schema = z.strictObject({
  charityId: UsccSchema,
  version: PositiveSafeIntSchema,
  campaignCount: NonNegativeSafeIntSchema,
  totals: TotalsByCurrencySchema,
  firstEventAt: IsoDateTimeSchema,
  lastEventAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
});

export type CharityRollupV1 = z.infer<typeof CharityRollupV1Schema>;
