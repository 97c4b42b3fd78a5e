import type { EntityManager } from 'typeorm';
import { TOPICS } from '@donations/contracts';
import { toCampaignTotalsMessage, toCharityRollupMessage } from '../totals/topic-message.fold';
import { stateOfRows, TotalsRow } from './totals-row.state';

type AggregateTopic = typeof TOPICS.campaignTotals | typeof TOPICS.charityRollups;

export interface TouchedKeys {
  readonly campaignIds: readonly string[];
  readonly charityIds: readonly string[];
}

interface OutboxMessage {
  readonly key: string;
  readonly value: object;
}

const COLUMNS = `currency, raised_minor, refunded_minor, donation_count, refund_count, by_platform,
       first_event_at, last_event_at`;

/**
 * Inside the batch's transaction, after the totals upserts: one outbox message per touched
 * campaign and charity with its state as it will be committed and its next version. Versions are
 * taken first (sorted keys, so concurrent batches lock in one order); a batch that waits for
 * another's version lock then reads the state that batch committed, so a higher version always
 * carries a later state.
 */
export async function writeAggregateOutbox(
  manager: EntityManager,
  touched: TouchedKeys,
  updatedAt: Date,
): Promise<void> {
  const campaignIds = [...new Set(touched.campaignIds)].sort();
  const charityIds = [...new Set(touched.charityIds)].sort();
  const campaignVersions = await nextVersions(manager, TOPICS.campaignTotals, campaignIds);
  const charityVersions = await nextVersions(manager, TOPICS.charityRollups, charityIds);
  const campaignRows = byKey(
    await totalsRows(manager, 'campaign_totals', 'campaign_id', campaignIds),
  );
  const charityRows = byKey(await totalsRows(manager, 'charity_totals', 'charity_id', charityIds));
  const counts = await campaignCounts(manager, charityIds);
  const campaigns = campaignIds.map((campaignId) => {
    const state = stateOfRows(
      campaignRows.get(campaignId) ?? [],
      version(campaignVersions, campaignId),
      updatedAt,
    );
    return { key: campaignId, value: toCampaignTotalsMessage({ campaignId, ...state }, updatedAt) };
  });
  const charities = charityIds.map((charityId) => {
    const state = stateOfRows(
      charityRows.get(charityId) ?? [],
      version(charityVersions, charityId),
      updatedAt,
    );
    const count = counts.get(charityId) ?? 0;
    return {
      key: charityId,
      value: toCharityRollupMessage({ charityId, ...state }, count, updatedAt),
    };
  });
  await insertOutbox(manager, TOPICS.campaignTotals, campaigns);
  await insertOutbox(manager, TOPICS.charityRollups, charities);
}

async function nextVersions(
  manager: EntityManager,
  topic: AggregateTopic,
  keys: readonly string[],
): Promise<Map<string, number>> {
  if (keys.length === 0) {
    return new Map();
  }
  const rows: { message_key: string; version: string }[] = await manager.query(
    `INSERT INTO aggregate_versions AS v (topic, message_key, version)
     SELECT $1::text, k, 1 FROM unnest($2::text[]) AS k ORDER BY k
     ON CONFLICT (topic, message_key) DO UPDATE SET version = v.version + 1
     RETURNING message_key, version`,
    [topic, keys],
  );
  return new Map(rows.map((row) => [row.message_key, Number(row.version)]));
}

async function totalsRows(
  manager: EntityManager,
  table: 'campaign_totals' | 'charity_totals',
  keyColumn: 'campaign_id' | 'charity_id',
  keys: readonly string[],
): Promise<TotalsRow[]> {
  if (keys.length === 0) {
    return [];
  }
  // Driven from the keys, one index lookup each (OFFSET 0 keeps the lookup a parameterized
  // subquery): the plan does not depend on the table's statistics.
  return manager.query(
    `SELECT k.key::text AS key, t.*
     FROM unnest($1::${keyColumn === 'charity_id' ? 'char(18)' : 'text'}[]) AS k(key)
     CROSS JOIN LATERAL (
       SELECT ${COLUMNS} FROM ${table} WHERE ${keyColumn} = k.key OFFSET 0) AS t
     ORDER BY 1, 2`,
    [keys],
  );
}

async function campaignCounts(
  manager: EntityManager,
  charityIds: readonly string[],
): Promise<Map<string, number>> {
  if (charityIds.length === 0) {
    return new Map();
  }
  // The counts kept by insertCharityCampaigns: one primary-key lookup per charity, whatever
  // its number of campaigns.
  const rows: { charity_id: string; campaigns: string }[] = await manager.query(
    `SELECT k.id::text AS charity_id, c.campaign_count AS campaigns
     FROM unnest($1::char(18)[]) AS k(id)
     CROSS JOIN LATERAL (
       SELECT campaign_count FROM charity_campaign_counts WHERE charity_id = k.id OFFSET 0) AS c`,
    [charityIds],
  );
  return new Map(rows.map((row) => [row.charity_id, Number(row.campaigns)]));
}

function byKey(rows: readonly TotalsRow[]): Map<string, TotalsRow[]> {
  const grouped = new Map<string, TotalsRow[]>();
  for (const row of rows) {
    grouped.set(row.key, [...(grouped.get(row.key) ?? []), row]);
  }
  return grouped;
}

function version(versions: ReadonlyMap<string, number>, key: string): number {
  const found = versions.get(key);
  if (found === undefined) {
    throw new Error(`no aggregate version was taken for ${key}`);
  }
  return found;
}

async function insertOutbox(
  manager: EntityManager,
  topic: AggregateTopic,
  messages: readonly OutboxMessage[],
): Promise<void> {
  if (messages.length === 0) {
    return;
  }
  // One JSON document of [key, value] pairs, not a jsonb[] parameter: pg would escape every
  // quote of every message into an array literal; PostgreSQL parses the one document instead.
  await manager.query(
    `INSERT INTO aggregate_outbox (topic, message_key, value)
     SELECT $1::text, m.pair->>0, m.pair->1
     FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(pair, n)
     ORDER BY m.n`,
    [topic, JSON.stringify(messages.map((m) => [m.key, m.value]))],
  );
}
