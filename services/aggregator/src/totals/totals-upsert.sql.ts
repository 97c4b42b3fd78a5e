import type { EntityManager } from 'typeorm';
import { COUNTER_FIELDS } from './counters.fold';
import { MAX_COUNTER } from './overflow.fold';
import { AggregateError } from './totals.errors';
import type { BatchDeltas, Counters, TotalsDelta } from './totals.types';

/** The counter columns of campaign_totals and charity_totals, by their Counters field. */
const COUNTER_COLUMNS: Record<keyof Counters, string> = {
  raisedMinor: 'raised_minor',
  refundedMinor: 'refunded_minor',
  donationCount: 'donation_count',
  refundCount: 'refund_count',
};

const ADD_COUNTERS = COUNTER_FIELDS.map(
  (field) =>
    `${COUNTER_COLUMNS[field]} = t.${COUNTER_COLUMNS[field]} + EXCLUDED.${COUNTER_COLUMNS[field]}`,
).join(',\n         ');

/** What every upsert does to an existing row: add the delta, merge, widen the times, version+1. */
const ON_CONFLICT_ADD = `DO UPDATE SET
         ${ADD_COUNTERS},
         by_platform = merge_platform_counters(t.by_platform, EXCLUDED.by_platform),
         first_event_at = LEAST(t.first_event_at, EXCLUDED.first_event_at),
         last_event_at = GREATEST(t.last_event_at, EXCLUDED.last_event_at),
         version = t.version + 1,
         updated_at = now()`;

/** The delta columns of the rows unnested as d (by_platform: see deltaParams). */
const DELTA_VALUES = `d.raised_minor, d.refunded_minor, d.donation_count, d.refund_count,
       ($7::jsonb) -> (d.n::int - 1), d.first_event_at, d.last_event_at`;

/**
 * The delta parameters as rows; by_platform is the n-th element of one JSON array ($7), not a
 * jsonb[] parameter whose every quote pg would escape into an array literal.
 */
const DELTA_ARRAYS = `$3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $8::timestamptz[],
         $9::timestamptz[]`;
const DELTA_NAMES = `raised_minor, refunded_minor, donation_count, refund_count, first_event_at,
            last_event_at`;

const DELTA_COLUMNS = `raised_minor, refunded_minor, donation_count, refund_count, by_platform,
       first_event_at, last_event_at`;

/** What each upsert returns: the row's counters after it, checked against the topics' range. */
const RETURNING_COUNTERS = `RETURNING raised_minor, refunded_minor, donation_count, refund_count`;

/**
 * The upsert's rows checked in PostgreSQL against MAX_COUNTER (inRange): one row back, the
 * number of rows out of range, not one row per touched key.
 */
const outOfRange = (upsert: string) => `WITH upserted AS (${upsert} ${RETURNING_COUNTERS})
  SELECT count(*) FILTER (WHERE GREATEST(raised_minor, refunded_minor, donation_count,
    refund_count) > ${MAX_COUNTER.toString()}) AS out_of_range
  FROM upserted`;

/** The delta columns as parameter arrays ($3..$9 of the upserts). */
function deltaParams(deltas: readonly TotalsDelta[]): unknown[] {
  return [
    ...COUNTER_FIELDS.map((field) => deltas.map((delta) => delta.counters[field].toString())),
    JSON.stringify(deltas.map(byPlatformJson)),
    deltas.map((delta) => delta.firstEventAt ?? null),
    deltas.map((delta) => delta.lastEventAt ?? null),
  ];
}

/** `{"alipay": {"raisedMinor": "100", ...}}`: decimal strings, as merge_platform_counters keeps. */
export function byPlatformJson(delta: TotalsDelta): Record<string, Record<string, string>> {
  const json: Record<string, Record<string, string>> = {};
  for (const [platform, counters] of delta.counters.byPlatform) {
    json[platform] = Object.fromEntries(
      COUNTER_FIELDS.map((field) => [field, counters[field].toString()]),
    );
  }
  return json;
}

/**
 * One upsert per table for the whole batch, one row per touched (key, currency). Rows are sorted
 * by key so that concurrent batches lock shared rows (a charity's) in the same order. Throws
 * AGGREGATE.OVERFLOW when a row leaves the safe integer range the topics carry (whether or not
 * an outbox message is written), and PostgreSQL's 22003 when a bigint would overflow.
 */
export async function upsertTotals(manager: EntityManager, deltas: BatchDeltas): Promise<void> {
  const campaigns = [...deltas.campaigns.entries()].sort(byKey).map(([, delta]) => delta);
  const charities = [...deltas.charities.entries()].sort(byKey).map(([, delta]) => delta);
  if (campaigns.length > 0) {
    const rows: RangeRow[] = await manager.query(
      outOfRange(`INSERT INTO campaign_totals AS t (campaign_id, currency, ${DELTA_COLUMNS}, charity_id)
       SELECT d.id, d.currency, ${DELTA_VALUES}, d.charity_id
       FROM unnest($1::text[], $2::char(3)[], ${DELTA_ARRAYS}, $10::char(18)[]) WITH ORDINALITY
         AS d(id, currency, ${DELTA_NAMES}, charity_id, n)
       ON CONFLICT (campaign_id, currency) ${ON_CONFLICT_ADD}`),
      [
        campaigns.map((delta) => delta.campaignId),
        campaigns.map((delta) => delta.currency),
        ...deltaParams(campaigns),
        campaigns.map((delta) => delta.charityId),
      ],
    );
    checkRange(rows, 'campaign_totals');
  }
  if (charities.length > 0) {
    const rows: RangeRow[] = await manager.query(
      outOfRange(`INSERT INTO charity_totals AS t (charity_id, currency, ${DELTA_COLUMNS})
       SELECT d.id, d.currency, ${DELTA_VALUES}
       FROM unnest($1::char(18)[], $2::char(3)[], ${DELTA_ARRAYS}) WITH ORDINALITY
         AS d(id, currency, ${DELTA_NAMES}, n)
       ON CONFLICT (charity_id, currency) ${ON_CONFLICT_ADD}`),
      [
        charities.map((delta) => delta.charityId),
        charities.map((delta) => delta.currency),
        ...deltaParams(charities),
      ],
    );
    checkRange(rows, 'charity_totals');
    await insertCharityCampaigns(manager, charities.flatMap(campaignPairs));
  }
}

interface RangeRow {
  readonly out_of_range: string;
}

function checkRange([row]: readonly RangeRow[], table: string): void {
  if (row === undefined || row.out_of_range !== '0') {
    throw new AggregateError('AGGREGATE.OVERFLOW', `a ${table} row left the safe integer range`);
  }
}

function campaignPairs(delta: { charityId: string; campaignIds: ReadonlySet<string> }) {
  return [...delta.campaignIds].map((campaignId) => [delta.charityId, campaignId] as const);
}

/**
 * The batch's (charity, campaign) pairs, and each charity's campaign count grows by the pairs that
 * are new: one statement, so the count moves with the campaigns it counts. The charities' rows
 * are already locked by the charity_totals upsert (same sorted order), so concurrent batches
 * add to a count one after the other.
 */
async function insertCharityCampaigns(
  manager: EntityManager,
  pairs: readonly (readonly [string, string])[],
): Promise<void> {
  await manager.query(
    `WITH added AS (
       INSERT INTO charity_campaigns (charity_id, campaign_id)
       SELECT DISTINCT * FROM unnest($1::char(18)[], $2::text[])
       ON CONFLICT DO NOTHING
       RETURNING charity_id)
     INSERT INTO charity_campaign_counts AS c (charity_id, campaign_count)
     SELECT charity_id, count(*) FROM added GROUP BY charity_id ORDER BY charity_id
     ON CONFLICT (charity_id) DO UPDATE SET campaign_count = c.campaign_count + EXCLUDED.campaign_count`,
    [pairs.map(([charityId]) => charityId), pairs.map(([, campaignId]) => campaignId)],
  );
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
