/**
 * Where the statistics live in Redis (the client adds REDIS_KEY_PREFIX). A scope is `global`,
 * `platform:<id>`, `charity:<USCC>`, `campaign:<id>` or `region:<label>`.
 *
 * - totals:<scope>     hash `<currency>:raised|refunded|donations|refunds` (net = raised - refunded)
 * - donors:<scope>     HyperLogLog of donor hashes (global, platform, charity, campaign)
 * - amounts:<scope>    hash `<currency>:<fine bucket index>` -> donations (not region)
 * - age-bands:<scope>  hash `<band>|unknown` -> donations (not region)
 * - platforms:<scope>  hash `<platform>` -> donations (charity, campaign)
 * - top:<kind>:net:<currency>  sorted set campaignId|charityId by net minor units
 * - top:<kind>:donors  sorted set campaignId|charityId by unique donors (PFCOUNT of its donors)
 * - minutes/hours:<scope> hash `<UTC bucket ISO>|<currency>|<measure>` by occurredAt (global)
 * - offsets:<group>:<topic> hash partition -> next offset; meta hash version, updatedAt
 * - fences:<group>:<topic>  hash partition -> last source offset applied (donations.counted.v1)
 * - published:<topic>  hash scope -> last version published on that stats topic
 */
export const statsKeys = {
  offsets: (groupId: string, topic: string): string => `stats:offsets:${groupId}:${topic}`,
  meta: (): string => 'stats:meta',
  fences: (groupId: string, topic: string): string => `stats:fences:${groupId}:${topic}`,
  totals: (scope: string): string => `stats:totals:${scope}`,
  donors: (scope: string): string => `stats:donors:${scope}`,
  amounts: (scope: string): string => `stats:amounts:${scope}`,
  ageBands: (scope: string): string => `stats:age-bands:${scope}`,
  minutes: (scope: string): string => `stats:minutes:${scope}`,
  hours: (scope: string): string => `stats:hours:${scope}`,
  platforms: (scope: string): string => `stats:platforms:${scope}`,
  topNet: (kind: LeaderboardKind, currency: string): string => `stats:top:${kind}:net:${currency}`,
  topDonors: (kind: LeaderboardKind): string => `stats:top:${kind}:donors`,
  published: (topic: string): string => `stats:published:${topic}`,
};

/** What a leaderboard ranks. */
export const LEADERBOARD_KINDS = ['campaign', 'charity'] as const;

export type LeaderboardKind = (typeof LEADERBOARD_KINDS)[number];

export const TOTAL_MEASURES = ['raised', 'refunded', 'donations', 'refunds'] as const;

export type TotalMeasure = (typeof TOTAL_MEASURES)[number];

export const totalsField = (currency: string, measure: TotalMeasure): string =>
  `${currency}:${measure}`;

export const seriesField = (bucket: string, currency: string, measure: TotalMeasure): string =>
  `${bucket}|${currency}|${measure}`;

export const amountField = (currency: string, bucketIndex: number): string =>
  `${currency}:${bucketIndex}`;
