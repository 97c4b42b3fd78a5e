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

/** Where an event's changes go: a list (eventOps) or the batch's sums (BatchSums). */
export interface StatsSink {
  incr(key: string, field: string, by: number): void;
  zincr(key: string, member: string, by: number): void;
  pfadd(key: string, member: string): void;
}

/**
 * After the batch's PFADDs, `ZADD board PFCOUNT(donors) member`: a campaign's or charity's place
 * on the unique-donor leaderboard. It sets the current count, so it is harmless to repeat.
 */
export interface DonorRanking {
  board: string;
  donors: string;
  member: string;
}

export const regionScope = (region: string): string => `region:${region}`;

/** The UTC hour of an ISO instant, as `2024-09-09T02:00:00.000Z`. */
export function hourBucket(isoInstant: string): string {
  return `${minuteBucket(isoInstant).slice(0, 13)}:00:00.000Z`;
}

/** Every statistic one event moves, as a list (see foldEvent). */
export function eventOps(event: DonationEventV1, sign: 1 | -1 = 1): StatsOp[] {
  const ops: StatsOp[] = [];
  foldEvent(
    {
      incr: (key, field, by) => ops.push({ kind: 'incr', key, field, by }),
      zincr: (key, member, by) => ops.push({ kind: 'zincr', key, member, by }),
      pfadd: (key, member) => ops.push({ kind: 'pfadd', key, member }),
    },
    event,
    sign,
  );
  return ops;
}

/**
 * Every statistic one event moves, into `sink`; refunds count as refunded (net = raised -
 * refunded). `sign` -1 takes a counted refund back out: every number moves the other way (a
 * refund adds no donor, so nothing is left that a sign cannot undo).
 */
export function foldEvent(sink: StatsSink, event: DonationEventV1, sign: 1 | -1 = 1): void {
  const donation = event.type === 'donation.completed';
  const amount: TotalMeasure = donation ? 'raised' : 'refunded';
  const count: TotalMeasure = donation ? 'donations' : 'refunds';
  const amountMinor = sign * event.amountMinor;
  const totalsScopes = [
    GLOBAL_SCOPE,
    platformScope(event.platform),
    charityScope(event.charityId),
    campaignScope(event.campaignId),
  ];
  if (event.donor.region !== undefined) totalsScopes.push(regionScope(event.donor.region));
  const amountOf = totalsField(event.currency, amount);
  const countOf = totalsField(event.currency, count);
  for (const scope of totalsScopes) {
    const key = statsKeys.totals(scope);
    sink.incr(key, amountOf, amountMinor);
    sink.incr(key, countOf, sign);
  }
  foldSeries(sink, event, amount, count, sign);
  const net = donation ? amountMinor : -amountMinor;
  sink.zincr(statsKeys.topNet('campaign', event.currency), event.campaignId, net);
  sink.zincr(statsKeys.topNet('charity', event.currency), event.charityId, net);
  if (donation) foldDonationOnly(sink, event, sign);
}

function foldSeries(
  sink: StatsSink,
  event: DonationEventV1,
  amount: TotalMeasure,
  count: TotalMeasure,
  sign: 1 | -1,
): void {
  const minute = minuteBucket(event.occurredAt);
  const hour = `${minute.slice(0, 13)}:00:00.000Z`;
  for (const [key, bucket] of [
    [statsKeys.minutes(GLOBAL_SCOPE), minute],
    [statsKeys.hours(GLOBAL_SCOPE), hour],
  ] as const) {
    sink.incr(key, seriesField(bucket, event.currency, amount), sign * event.amountMinor);
    sink.incr(key, seriesField(bucket, event.currency, count), sign);
  }
}

/**
 * Unique donors, amount buckets, age bands and platform counts describe donations, not refunds,
 * in every published scope (the overview of a charity or campaign has them too).
 */
function foldDonationOnly(sink: StatsSink, event: DonationEventV1, sign: 1 | -1): void {
  const band = event.donor.ageBand ?? 'unknown';
  const bucket = amountField(event.currency, fineBucketOf(event.amountMinor));
  const owners = [charityScope(event.charityId), campaignScope(event.campaignId)];
  for (const scope of [GLOBAL_SCOPE, platformScope(event.platform), ...owners]) {
    sink.pfadd(statsKeys.donors(scope), event.donor.hash);
    sink.incr(statsKeys.amounts(scope), bucket, sign);
    sink.incr(statsKeys.ageBands(scope), band, sign);
  }
  for (const scope of owners) sink.incr(statsKeys.platforms(scope), event.platform, sign);
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
      if (!rankings.has(ranking.donors)) rankings.set(ranking.donors, ranking);
    }
  }
  return [...rankings.values()];
}

const donorRanking = (kind: LeaderboardKind, scope: string, member: string): DonorRanking => ({
  board: statsKeys.topDonors(kind),
  donors: statsKeys.donors(scope),
  member,
});
