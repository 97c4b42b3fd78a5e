import { z } from 'zod';
import { IsoDateTimeSchema, SafeIntSchema } from '../common/primitive.schemas';
import { StatsOverviewV1Schema } from '../stats/stats-overview.v1';
import { MinuteCurrencyStatsSchema } from '../stats/stats-timeseries.v1';

/** `GET /stats/overview?scope=` on the statistics: the scope's stats.overview.v1 value, live. */
export const StatsOverviewViewSchema = StatsOverviewV1Schema.meta({ id: 'StatsOverviewView' });

export const LeaderboardEntryViewSchema = z.strictObject({
  /** 1 for the highest. */
  rank: z.int().positive(),
  /** The campaignId or charityId (USCC). */
  id: z.string(),
  /** Net minor units (by=net) or the unique-donor estimate (by=donors). */
  value: SafeIntSchema,
});

/** `GET /stats/leaderboard?kind=&by=&currency=&top=`: highest first. */
export const LeaderboardViewSchema = z
  .strictObject({
    kind: z.enum(['campaign', 'charity']),
    by: z.enum(['net', 'donors']),
    /** The currency of a net leaderboard; null for donors. */
    currency: z.string().nullable(),
    entries: z.array(LeaderboardEntryViewSchema),
  })
  .meta({ id: 'LeaderboardView' });

/** One bucket of a series: what happened (by occurredAt) from `at` for one step. */
export const TimeseriesPointViewSchema = z.strictObject({
  at: IsoDateTimeSchema,
  perCurrency: z.record(z.string(), MinuteCurrencyStatsSchema),
});

/** `GET /stats/timeseries?from=&to=&step=`: every bucket from the one holding `from` up to `to`. */
export const TimeseriesViewSchema = z
  .strictObject({
    scope: z.string(),
    step: z.enum(['minute', 'hour']),
    from: IsoDateTimeSchema,
    to: IsoDateTimeSchema,
    points: z.array(TimeseriesPointViewSchema),
  })
  .meta({ id: 'TimeseriesView' });

export type StatsOverviewView = z.infer<typeof StatsOverviewViewSchema>;
export type LeaderboardEntryView = z.infer<typeof LeaderboardEntryViewSchema>;
export type LeaderboardView = z.infer<typeof LeaderboardViewSchema>;
export type TimeseriesPointView = z.infer<typeof TimeseriesPointViewSchema>;
export type TimeseriesView = z.infer<typeof TimeseriesViewSchema>;
