import type { EntityManager } from 'typeorm';
import type { CurrentTotals } from './overflow.fold';
import type { BatchDeltas, Counters } from './totals.types';

/** The counter columns of a totals row as pg returns them (bigint as decimal strings). */
export interface CountersRow {
  readonly raised_minor: string;
  readonly refunded_minor: string;
  readonly donation_count: string;
  readonly refund_count: string;
}

interface KeyedCountersRow extends CountersRow {
  readonly key: string;
  readonly currency: string;
}

/**
 * The counters of the rows the batch touches, locked until the commit, campaigns then charities,
 * each in the sorted order the upserts use (so concurrent batches lock shared rows alike). Rows
 * not created yet are absent (zero).
 */
export async function lockCurrentTotals(
  manager: EntityManager,
  deltas: BatchDeltas,
): Promise<CurrentTotals> {
  const campaigns = await lockRows(
    manager,
    'campaign_totals',
    'campaign_id',
    [...deltas.campaigns.values()].map((delta) => [delta.campaignId, delta.currency] as const),
  );
  const charities = await lockRows(
    manager,
    'charity_totals',
    'charity_id',
    [...deltas.charities.values()].map((delta) => [delta.charityId, delta.currency] as const),
  );
  return { campaigns, charities };
}

async function lockRows(
  manager: EntityManager,
  table: 'campaign_totals' | 'charity_totals',
  keyColumn: 'campaign_id' | 'charity_id',
  keys: readonly (readonly [string, string])[],
): Promise<Map<string, Counters>> {
  if (keys.length === 0) return new Map();
  const sorted = [...keys].sort(([a, x], [b, y]) => compare(`${a}|${x}`, `${b}|${y}`));
  const keyType = keyColumn === 'charity_id' ? 'char(18)' : 'text';
  // Driven from the sorted keys, one primary-key lookup and lock each, in that order: the plan
  // and the lock order do not depend on the table's statistics.
  const rows: KeyedCountersRow[] = await manager.query(
    `SELECT k.id::text AS key, k.currency::text AS currency, t.raised_minor,
            t.refunded_minor, t.donation_count, t.refund_count
     FROM unnest($1::${keyType}[], $2::char(3)[]) WITH ORDINALITY AS k(id, currency, n)
     CROSS JOIN LATERAL (
       SELECT raised_minor, refunded_minor, donation_count, refund_count FROM ${table}
       WHERE ${keyColumn} = k.id AND currency = k.currency FOR UPDATE) AS t
     ORDER BY k.n`,
    [sorted.map(([id]) => id), sorted.map(([, currency]) => currency)],
  );
  return new Map(rows.map((row) => [`${row.key}|${row.currency}`, countersOf(row)]));
}

export function countersOf(row: CountersRow): Counters {
  return {
    raisedMinor: BigInt(row.raised_minor),
    refundedMinor: BigInt(row.refunded_minor),
    donationCount: BigInt(row.donation_count),
    refundCount: BigInt(row.refund_count),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Runs `work` after a SAVEPOINT of the manager's transaction; if it fails, rolls back to the
 * savepoint (the transaction stays usable, as before `work`) and rethrows. The savepoint is left
 * to the commit to release: one round trip less on the hot path.
 */
export async function withSavepoint<T>(
  manager: EntityManager,
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  await manager.query(`SAVEPOINT ${name}`);
  try {
    return await work();
  } catch (error) {
    await manager.query(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
}
