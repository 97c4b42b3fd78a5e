import { z } from 'zod';
import { ContractError } from '../common/contract-error';
import {
  IsoDateTimeSchema,
  NonNegativeSafeIntSchema,
  PositiveSafeIntSchema,
} from '../common/primitive.schemas';
import { CurrencySchema } from '../money/currency';
import { StatsScopeSchema } from './stats-scope';

/** The start of a UTC minute, as Date#toISOString writes it: `2024-09-09T02:00:00.000Z`. */
export const MinuteBucketSchema = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/, 'must be a whole UTC minute (…:00.000Z)')
  .refine(isRealInstant, 'must be a real date and time');

function isRealInstant(iso: string): boolean {
  const millis = Date.parse(iso);
  return !Number.isNaN(millis) && new Date(millis).toISOString() === iso;
}

/** The minute bucket (UTC) of an ISO-8601 instant. */
export function minuteBucket(isoInstant: string): string {
  const millis = Date.parse(isoInstant);
  if (!IsoDateTimeSchema.safeParse(isoInstant).success || Number.isNaN(millis)) {
    throw new ContractError('STATS.INVALID_INSTANT', 'expected an ISO-8601 instant');
  }
  return new Date(millis - (((millis % 60_000) + 60_000) % 60_000)).toISOString();
}

export const MinuteCurrencyStatsSchema = z.strictObject({
  raisedMinor: NonNegativeSafeIntSchema,
  donationCount: NonNegativeSafeIntSchema,
  refundedMinor: NonNegativeSafeIntSchema,
  refundCount: NonNegativeSafeIntSchema,
});

/**
 * stats.timeseries.v1 value (key: scope, delete cleanup): what happened in one minute (by
 * occurredAt) of one scope. A minute can be sent again as late events arrive; `version` grows per
 * scope, and the latest version of a (scope, minute) replaces earlier ones.
 */
export const StatsTimeseriesV1Schema = z.strictObject({
  scope: StatsScopeSchema,
  version: PositiveSafeIntSchema,
  minute: MinuteBucketSchema,
  perCurrency: z.partialRecord(CurrencySchema, MinuteCurrencyStatsSchema),
  updatedAt: IsoDateTimeSchema,
});

export type MinuteCurrencyStats = z.infer<typeof MinuteCurrencyStatsSchema>;
export type StatsTimeseriesV1 = z.infer<typeof StatsTimeseriesV1Schema>;
