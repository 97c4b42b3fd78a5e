/**
 * Where the statistics live in Redis (the client adds REDIS_KEY_PREFIX). A scope is `global`,
 * `platform:<id>`, `charity:<USCC>`, `campaign:<id>` or `region:<label>`.
 *
 * - totals:<scope>     hash `<currency>:raised|refunded|donations|refunds` (net = raised - refunded)
 * - donors:<scope>     HyperLogLog of donor hashes (global, platform, campaign)
 * - amounts:<scope>    hash `<currency>:<fine bucket index>` -> donations (global, platform)
 * - age-bands:<scope>  hash `<band>|unknown` -> donations (global, platform)
 * - minutes/hours:<scope> hash `<UTC bucket ISO>|<currency>|<measure>` by occurredAt (global)
 * - offsets:<group>:<topic> hash partition -> next offset; meta hash version, updatedAt
 * - seen:<eventId>     dedupe marker, expires after the dedupe window
 */
export const statsKeys = {
  offsets: (groupId: string, topic: string): string => `stats:offsets:${groupId}:${topic}`,
  meta: (): string => 'stats:meta',
  seen: (eventId: string): string => `stats:seen:${eventId}`,
  totals: (scope: string): string => `stats:totals:${scope}`,
  donors: (scope: string): string => `stats:donors:${scope}`,
  amounts: (scope: string): string => `stats:amounts:${scope}`,
  ageBands: (scope: string): string => `stats:age-bands:${scope}`,
  minutes: (scope: string): string => `stats:minutes:${scope}`,
  hours: (scope: string): string => `stats:hours:${scope}`,
};

export const TOTAL_MEASURES = ['raised', 'refunded', 'donations', 'refunds'] as const;

export type TotalMeasure = (typeof TOTAL_MEASURES)[number];

export const totalsField = (currency: string, measure: TotalMeasure): string =>
  `${currency}:${measure}`;

export const seriesField = (bucket: string, currency: string, measure: TotalMeasure): string =>
  `${bucket}|${currency}|${measure}`;

export const amountField = (currency: string, bucketIndex: number): string =>
  `${currency}:${bucketIndex}`;
