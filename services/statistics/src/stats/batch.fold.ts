import {
  campaignScope,
  charityScope,
  DonationEventV1,
  GLOBAL_SCOPE,
  minuteBucket,
  platformScope,
} from '@donations/contracts';
import { fineBucketOf } from './amount-buckets';
import {
  amountField,
  LeaderboardKind,
  seriesField,
  statsKeys,
  TotalMeasure,
  totalsField,
} from './stats.keys';

/** One Redis change: HINCRBY key field by, ZINCRBY key by member, or PFADD key member. */
export type StatsOp =
  | { kind: 'incr'; key: string; field: string; by: number }
  | { kind: 'zincr'; key: string; member: string; by: number }
  | { kind: 'pfadd'; key: string; member: string };

/**
 * After the batch's PFADDs, `ZADD board PFCOUNT(donors) member`: a campaign's or charity's place
 * on the unique-donor leaderboard. It sets the current count, so it is harmless for a duplicate.
 */
export interface DonorRanking {
  board: string;
  donors: string;
  member: string;
}

/** What one event changes, applied only if its dedupe key is new (SET NX, inside the script). */
export interface EventEffect {
  dedupeKey: string;
  ops: StatsOp[];
}

export const regionScope = (region: string): string => `region:${region}`;

/** The UTC hour of an ISO instant, as `2024-09-09T02:00:00.000Z`. */
export function hourBucket(isoInstant: string): string {
  return `${minuteBucket(isoInstant).slice(0, 13)}:00:00.000Z`;
}

/** The effects of a batch's events, in offset order (pure: no clock, no Redis). */
export function foldBatch(events: readonly DonationEventV1[]): EventEffect[] {
  return events.map((event) => ({
    dedupeKey: statsKeys.seen(event.eventId),
    ops: eventOps(event),
  }));
}

/** Every statistic one event moves; refunds count as refunded (net = raised - refunded). */
export function eventOps(event: DonationEventV1): StatsOp[] {
  const donation = event.type === 'donation.completed';
  const amount: TotalMeasure = donation ? 'raised' : 'refunded';
  const count: TotalMeasure = donation ? 'donations' : 'refunds';
  const totalsScopes = [
    GLOBAL_SCOPE,
    platformScope(event.platform),
    charityScope(event.charityId),
    campaignScope(event.campaignId),
    ...(event.donor.region === undefined ? [] : [regionScope(event.donor.region)]),
  ];
  const ops: StatsOp[] = totalsScopes.flatMap((scope) => [
    incr(statsKeys.totals(scope), totalsField(event.currency, amount), event.amountMinor),
    incr(statsKeys.totals(scope), totalsField(event.currency, count), 1),
  ]);
  ops.push(...seriesOps(event, amount, count), ...netRankOps(event, donation));
  if (donation) ops.push(...donationOnlyOps(event));
  return ops;
}

/** The net leaderboards of campaigns and charities, per currency: refunds move them down. */
function netRankOps(event: DonationEventV1, donation: boolean): StatsOp[] {
  const by = donation ? event.amountMinor : -event.amountMinor;
  return [
    zincr(statsKeys.topNet('campaign', event.currency), event.campaignId, by),
    zincr(statsKeys.topNet('charity', event.currency), event.charityId, by),
  ];
}

/** The donor rankings a batch's donations move, once per campaign and charity. */
export function batchRankings(events: readonly DonationEventV1[]): DonorRanking[] {
  const rankings = new Map<string, DonorRanking>();
  for (const event of events) {
    if (event.type !== 'donation.completed') continue;
    for (const ranking of [
      donorRanking('campaign', campaignScope(event.campaignId), event.campaignId),
      donorRanking('charity', charityScope(event.charityId), event.charityId),
    ]) {
      rankings.set(ranking.donors, ranking);
    }
  }
  return [...rankings.values()];
}

const donorRanking = (kind: LeaderboardKind, scope: string, member: string): DonorRanking => ({
  board: statsKeys.topDonors(kind),
  donors: statsKeys.donors(scope),
  member,
});

function seriesOps(event: DonationEventV1, amount: TotalMeasure, count: TotalMeasure): StatsOp[] {
  const series = [
    { key: statsKeys.minutes(GLOBAL_SCOPE), bucket: minuteBucket(event.occurredAt) },
    { key: statsKeys.hours(GLOBAL_SCOPE), bucket: hourBucket(event.occurredAt) },
  ];
  return series.flatMap(({ key, bucket }) => [
    incr(key, seriesField(bucket, event.currency, amount), event.amountMinor),
    incr(key, seriesField(bucket, event.currency, count), 1),
  ]);
}

/**
 * Unique donors, amount buckets, age bands and platform counts describe donations, not refunds,
 * in every published scope (the overview of a charity or campaign has them too).
 */
function donationOnlyOps(event: DonationEventV1): StatsOp[] {
  const band = event.donor.ageBand ?? 'unknown';
  const bucket = amountField(event.currency, fineBucketOf(event.amountMinor));
  const owners = [charityScope(event.charityId), campaignScope(event.campaignId)];
  return [
    ...[GLOBAL_SCOPE, platformScope(event.platform), ...owners].flatMap((scope): StatsOp[] => [
      { kind: 'pfadd', key: statsKeys.donors(scope), member: event.donor.hash },
      incr(statsKeys.amounts(scope), bucket, 1),
      incr(statsKeys.ageBands(scope), band, 1),
    ]),
    ...owners.map((scope) => incr(statsKeys.platforms(scope), event.platform, 1)),
  ];
}

const incr = (key: string, field: string, by: number): StatsOp => ({
  kind: 'incr',
  key,
  field,
  by,
});

const zincr = (key: string, member: string, by: number): StatsOp => ({
  kind: 'zincr',
  key,
  member,
  by,
});
