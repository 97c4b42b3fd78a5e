import type { QueryResult, QueryResultRow } from 'pg';
import type { DonationEventV1 } from '@donations/contracts';
import { ExpectedRow, groundTruth } from './totals.ground-truth';

/** A pg Client or Pool whose search_path is the aggregator's schema. */
export interface Queryable {
  query<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}

export type TotalsTable = 'campaign_totals' | 'charity_totals';

/**
 * A totals table as `key|currency` -> row, in the shape of the ground truth; from `schema` when
 * given (a rebuilt generation), else from the search_path's.
 */
export async function totalsOf(
  db: Queryable,
  table: TotalsTable,
  { schema }: { schema?: string } = {},
): Promise<Map<string, ExpectedRow>> {
  const key = table === 'campaign_totals' ? 'campaign_id' : 'charity_id';
  const from = schema === undefined ? table : `"${schema}".${table}`;
  const { rows } = await db.query<ExpectedRow & { key: string; currency: string }>(
    `SELECT ${key}::text AS key, currency, raised_minor, refunded_minor, donation_count,
            refund_count, by_platform, first_event_at, last_event_at FROM ${from}`,
  );
  return new Map(
    rows.map(({ key: id, currency, ...row }) => [
      `${id}|${currency}`,
      {
        ...row,
        first_event_at: new Date(row.first_event_at).toISOString(),
        last_event_at: new Date(row.last_event_at).toISOString(),
      },
    ]),
  );
}

/** Both totals tables as stored, and as the independent ground truth computes them. */
export async function totalsAndGroundTruth(db: Queryable, counted: readonly DonationEventV1[]) {
  return {
    campaigns: await totalsOf(db, 'campaign_totals'),
    expectedCampaigns: groundTruth(counted, (event) => event.campaignId),
    charities: await totalsOf(db, 'charity_totals'),
    expectedCharities: groundTruth(counted, (event) => event.charityId),
  };
}

export interface StoredOffset {
  nextOffset: bigint;
  updatedAt: Date;
}

/** consumer_offsets of the group: partition -> next offset and when it was last written. */
export async function storedOffsets(
  db: Queryable,
  groupId: string,
): Promise<Map<number, StoredOffset>> {
  const { rows } = await db.query<{ partition: number; next_offset: string; updated_at: Date }>(
    'SELECT partition, next_offset, updated_at FROM consumer_offsets WHERE group_id = $1',
    [groupId],
  );
  return new Map(
    rows.map((row) => [
      row.partition,
      { nextOffset: BigInt(row.next_offset), updatedAt: row.updated_at },
    ]),
  );
}

/** Rows in the ledger and distinct eventIds among them. */
export async function ledgerCounts(db: Queryable): Promise<{ rows: number; eventIds: number }> {
  const { rows } = await db.query<{ rows: string; event_ids: string }>(
    'SELECT count(*) AS rows, count(DISTINCT event_id) AS event_ids FROM donation_ledger',
  );
  return { rows: Number(rows[0].rows), eventIds: Number(rows[0].event_ids) };
}
