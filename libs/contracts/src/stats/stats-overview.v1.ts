import { z } from 'zod';
import {
  IsoDateTimeSchema,
  NonNegativeSafeIntSchema,
  PositiveSafeIntSchema,
  SafeIntSchema,
  ShareSchema,
} from '../common/primitive.schemas';
import { AGE_BANDS } from '../donations/donor';
import { PlatformSchema } from '../donations/platform';
import { CurrencySchema } from '../money/currency';
import { StatsScopeSchema } from './stats-scope';

/**
 * Upper bounds (inclusive, minor units) of the amount buckets; one more bucket (upToMinor null)
 * takes everything above. For CNY: 1, 10, 100, 1,000 and 10,000 yuan.
 */
export const AMOUNT_BUCKET_BOUNDS_MINOR = [100, 1_000, 10_000, 100_000, 1_000_000] as const;

export const AmountBucketSchema = z.strictObject({
  /** Inclusive upper bound in minor units; null for the open-ended last bucket. */
  upToMinor: PositiveSafeIntSchema.nullable(),
  count: NonNegativeSafeIntSchema,
});

/** How donation amounts (of completed donations) are distributed, in one currency. */
export const AmountDistributionSchema = z.strictObject({
  buckets: z.array(AmountBucketSchema),
  /** Shares of donations of at most 100 / 1,000 / 10,000 minor units (1 / 10 / 100 yuan). */
  shareAtOrUnder100: ShareSchema,
  shareAtOrUnder1000: ShareSchema,
  shareAtOrUnder10000: ShareSchema,
  /** Median amount estimated from the buckets; null before the first donation. */
  medianMinorEstimate: NonNegativeSafeIntSchema.nullable(),
});

export const CurrencyStatsSchema = z.strictObject({
  raisedMinor: NonNegativeSafeIntSchema,
  refundedMinor: NonNegativeSafeIntSchema,
  netMinor: SafeIntSchema,
  donationCount: NonNegativeSafeIntSchema,
  refundCount: NonNegativeSafeIntSchema,
  distribution: AmountDistributionSchema,
});

export const PlatformShareSchema = z.strictObject({
  donationCount: NonNegativeSafeIntSchema,
  /** This platform's share of all donations (by count) in the scope. */
  share: ShareSchema,
});

export const AGE_BAND_KEYS = [...AGE_BANDS, 'unknown'] as const;

/**
 * stats.overview.v1 value (key: scope, compacted). uniqueDonors counts distinct donor hashes
 * (may be an estimate); ageBands counts donations by the donor's band, `unknown` when absent.
 */
export const StatsOverviewV1Schema = z.strictObject({
  scope: StatsScopeSchema,
  version: PositiveSafeIntSchema,
  totals: z.partialRecord(CurrencySchema, CurrencyStatsSchema),
  uniqueDonors: NonNegativeSafeIntSchema,
  platforms: z.partialRecord(PlatformSchema, PlatformShareSchema),
  ageBands: z.partialRecord(z.enum(AGE_BAND_KEYS), NonNegativeSafeIntSchema),
  updatedAt: IsoDateTimeSchema,
});

export type AmountBucket = z.infer<typeof AmountBucketSchema>;
export type AmountDistribution = z.infer<typeof AmountDistributionSchema>;
export type CurrencyStats = z.infer<typeof CurrencyStatsSchema>;
export type PlatformShare = z.infer<typeof PlatformShareSchema>;
export type StatsOverviewV1 = z.infer<typeof StatsOverviewV1Schema>;
