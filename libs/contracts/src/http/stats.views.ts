import { z } from 'zod';
import {
  IsoDateTimeSchema,
  NonNegativeSafeIntSchema,
  SafeIntSchema,
  ShareSchema,
} from '../common/primitive.schemas';
import { StatsOverviewV1Schema } from '../stats/stats-overview.v1';
import { MinuteCurrencyStatsSchema } from '../stats/stats-timeseries.v1';

/**
 * What every /stats answer says about its figures: `live`, or `rebuilding` (since startedAt, with
 * how far it has read; both null while a lost state is noticed and the rebuild not begun).
 */
export const StatsStateViewSchema = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('live') }),
    z.strictObject({
      status: z.literal('rebuilding'),
      startedAt: IsoDateTimeSchema.nullable(),
      progress: z
        .strictObject({
          consumed: NonNegativeSafeIntSchema,
          total: NonNegativeSafeIntSchema,
          ratio: ShareSchema,
        })
        .nullable(),
    }),
  ])
  .meta({ id: 'StatsState' });

/** `GET /stats/overview?scope=`, as the service builds it: the scope's stats.overview.v1 value. */
export const StatsOverviewViewSchema = StatsOverviewV1Schema;

export const LeaderboardEntryViewSchema = z.strictObject({
  /** 1 for the highest. */
  rank: z.int().positive(),
  /** The campaignId or charityId (USCC). */
  id: z.string(),
  /** Net minor units (by=net) or the unique-donor estimate (by=donors). */
  value: SafeIntSchema,
});

/** `GET /stats/leaderboard?kind=&by=&currency=&top=`: highest first. */
export const LeaderboardViewSchema = z.strictObject({
  kind: z.enum(['campaign', 'charity']),
  by: z.enum(['net', 'donors']),
  /** The currency of a net leaderboard; null for donors. */
  currency: z.string().nullable(),
  entries: z.array(LeaderboardEntryViewSchema),
});

/** One bucket of a series: what happened (by occurredAt) from `at` for one step. */
export const TimeseriesPointViewSchema = z.strictObject({
  at: IsoDateTimeSchema,
  perCurrency: z.record(z.string(), MinuteCurrencyStatsSchema),
});

/** `GET /stats/timeseries?from=&to=&step=`: every bucket from the one holding `from` up to `to`. */
export const TimeseriesViewSchema = z.strictObject({
  scope: z.string(),
  step: z.enum(['minute', 'hour']),
  from: IsoDateTimeSchema,
  to: IsoDateTimeSchema,
  points: z.array(TimeseriesPointViewSchema),
});

export type StatsOverviewView = z.infer<typeof StatsOverviewViewSchema>;
export type LeaderboardEntryView = z.infer<typeof LeaderboardEntryViewSchema>;
export type LeaderboardView = z.infer<typeof LeaderboardViewSchema>;
export type TimeseriesPointView = z.infer<typeof TimeseriesPointViewSchema>;
export type TimeseriesView = z.infer<typeof TimeseriesViewSchema>;

/**
 * What GET /stats/overview, /stats/leaderboard and /stats/timeseries answer (clients parse these):
 * the view, and the statistics' `state` beside its fields.
 */
const state = { state: StatsStateViewSchema };
export const StatsOverviewAnswerSchema = StatsOverviewViewSchema.extend(state).meta({
  id: 'StatsOverviewAnswer',
});
export const LeaderboardAnswerSchema = LeaderboardViewSchema.extend(state).meta({
  id: 'LeaderboardAnswer',
});
export const TimeseriesAnswerSchema = TimeseriesViewSchema.extend(state).meta({
  id: 'TimeseriesAnswer',
});

export type StatsStateView = z.infer<typeof StatsStateViewSchema>;
export type StatsOverviewAnswer = z.infer<typeof StatsOverviewAnswerSchema>;
export type LeaderboardAnswer = z.infer<typeof LeaderboardAnswerSchema>;
export type TimeseriesAnswer = z.infer<typeof TimeseriesAnswerSchema>;
