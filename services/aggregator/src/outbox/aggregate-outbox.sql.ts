import type { EntityManager } from 'typeorm';
import { TOPICS } from '@donations/contracts';

export interface TouchedKeys {
  readonly campaignIds: readonly string[];
  readonly charityIds: readonly string[];
}

/** An instant as JavaScript's toISOString() writes it (ms, UTC; years 0 and 10000 included). */
const isoOf = (instant: string) => `CASE
    WHEN ${instant} < '0001-01-01T00:00:00Z' THEN
      '0000' || to_char(${instant} AT TIME ZONE 'UTC', '-MM-DD"T"HH24:MI:SS.MS"Z"')
    WHEN ${instant} >= '10000-01-01T00:00:00Z' THEN
      '+0' || to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
    ELSE to_char(${instant} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') END`;

/** One platform's share: by_platform keeps decimal strings, the topics carry numbers. */
const PLATFORM_TOTALS = `json_build_object(
    'raisedMinor', coalesce((p.value ->> 'raisedMinor')::bigint, 0),
    'refundedMinor', coalesce((p.value ->> 'refundedMinor')::bigint, 0),
    'donationCount', coalesce((p.value ->> 'donationCount')::bigint, 0),
    'refundCount', coalesce((p.value ->> 'refundCount')::bigint, 0))`;

/** A totals row t as the topics' CurrencyTotals (what toCampaignTotalsMessage writes). */
const CURRENCY_TOTALS = `json_build_object(
    'raisedMinor', t.raised_minor, 'refundedMinor', t.refunded_minor,
    'netMinor', t.raised_minor - t.refunded_minor,
    'donationCount', t.donation_count, 'refundCount', t.refund_count,
    'byPlatform', (SELECT coalesce(json_object_agg(p.key, ${PLATFORM_TOTALS}), '{}'::json)
                   FROM jsonb_each(t.by_platform) AS p))`;

/**
 * The state of key k.key of `table` as one row s: totals by currency and the event times over
 * all currencies (an aggregate, so one row even for a key without rows; one index lookup).
 */
const stateOf = (table: string, keyColumn: string) => `CROSS JOIN LATERAL (
    SELECT coalesce(json_object_agg(t.currency, ${CURRENCY_TOTALS}), '{}'::json) AS totals,
           ${isoOf('min(t.first_event_at)')} AS first_at,
           ${isoOf('max(t.last_event_at)')} AS last_at
    FROM ${table} AS t WHERE t.${keyColumn} = k.key) AS s`;

/** The version this transaction took for (topic $n, k.key): one primary-key lookup. */
const versionOf = (topic: string) => `CROSS JOIN LATERAL (
    SELECT version FROM aggregate_versions
    WHERE topic = ${topic} AND message_key = k.key::text OFFSET 0) AS v`;

/** What every message carries besides its key ($5: the clock, the fallback of a time). */
const BODY = `'version', v.version, 'totals', s.totals,
    'firstEventAt', coalesce(s.first_at, $5::text), 'lastEventAt', coalesce(s.last_at, $5::text),
    'updatedAt', $5::text`;

/**
 * Inside the batch's transaction, after the totals upserts: one outbox message per touched
 * campaign and charity with its state as it will be committed and its next version, built in
 * PostgreSQL (the messages of topic-message.fold.ts; aggregate-outbox.int-spec.ts compares
 * them). Two statements: the versions first (sorted keys, so concurrent batches lock in one
 * order), then the messages, in a statement of their own: a batch that waited for another's
 * version lock reads, with the new snapshot, the state that batch committed, so a higher
 * version always carries a later state.
 */
export async function writeAggregateOutbox(
  manager: EntityManager,
  touched: TouchedKeys,
  updatedAt: Date,
): Promise<void> {
  const campaignIds = [...new Set(touched.campaignIds)].sort();
  const charityIds = [...new Set(touched.charityIds)].sort();
  if (campaignIds.length === 0 && charityIds.length === 0) return;
  const keys = [TOPICS.campaignTotals, campaignIds, TOPICS.charityRollups, charityIds];
  await manager.query(
    `INSERT INTO aggregate_versions AS v (topic, message_key, version)
     SELECT topic, k, 1
     FROM (SELECT $1::text AS topic, k FROM unnest($2::text[]) AS k
           UNION ALL
           SELECT $3::text, k FROM unnest($4::text[]) AS k) AS keys
     ORDER BY topic, k
     ON CONFLICT (topic, message_key) DO UPDATE SET version = v.version + 1`,
    keys,
  );
  await manager.query(
    `INSERT INTO aggregate_outbox (topic, message_key, value)
     SELECT topic, key, value FROM (
       SELECT 1 AS part, k.n, $1::text AS topic, k.key::text AS key,
              json_build_object('campaignId', k.key, ${BODY}) AS value
       FROM unnest($2::text[]) WITH ORDINALITY AS k(key, n)
       ${versionOf('$1')}
       ${stateOf('campaign_totals', 'campaign_id')}
       UNION ALL
       SELECT 2, k.n, $3::text, k.key::text,
              json_build_object('charityId', k.key, 'campaignCount', coalesce(c.count, 0), ${BODY})
       FROM unnest($4::char(18)[]) WITH ORDINALITY AS k(key, n)
       ${versionOf('$3')}
       ${stateOf('charity_totals', 'charity_id')}
       LEFT JOIN LATERAL (
         SELECT campaign_count AS count FROM charity_campaign_counts
         WHERE charity_id = k.key OFFSET 0) AS c ON true) AS m
     ORDER BY part, n`,
    [...keys, updatedAt.toISOString()],
  );
}
