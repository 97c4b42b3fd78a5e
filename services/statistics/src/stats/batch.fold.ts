import {
  campaignScope,
  charityScope,
  DonationEventV1,
  GLOBAL_SCOPE,
  minuteBucket,
  platformScope,
} from '@donations/contracts';
import { fineBucketOf } from './amount-buckets';
import { amountField, seriesField, statsKeys, TotalMeasure, totalsField } from './stats.keys';

/** One Redis change: HINCRBY key field by, or PFADD key member. */
export type StatsOp =
  | { kind: 'incr'; key: string; field: string; by: number }
  | { kind: 'pfadd'; key: string; member: string };

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
  ops.push(...seriesOps(event, amount, count));
  if (donation) ops.push(...donationOnlyOps(event));
  return ops;
}

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

/** Unique donors, amount buckets and age bands describe donations, not refunds. */
function donationOnlyOps(event: DonationEventV1): StatsOp[] {
  const platform = platformScope(event.platform);
  const band = event.donor.ageBand ?? 'unknown';
  const bucket = amountField(event.currency, fineBucketOf(event.amountMinor));
  return [
    ...[GLOBAL_SCOPE, platform, campaignScope(event.campaignId)].map((scope): StatsOp => ({
      kind: 'pfadd',
      key: statsKeys.donors(scope),
      member: event.donor.hash,
    })),
    ...[GLOBAL_SCOPE, platform].flatMap((scope) => [
      incr(statsKeys.amounts(scope), bucket, 1),
      incr(statsKeys.ageBands(scope), band, 1),
    ]),
  ];
}

const incr = (key: string, field: string, by: number): StatsOp => ({
  kind: 'incr',
  key,
  field,
  by,
});
