import type { EntityManager } from 'typeorm';
import { DonationEventV1, DonationRefundedV1Schema } from '@donations/contracts';
import type { LedgerTransaction } from './batch-refunds';
import { transactionKey } from './refund.fold';
import { plainArray, textArray } from './sql-array';

/** A new event with where it was read from. */
export interface LedgerEntry {
  readonly event: DonationEventV1;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** Where a counted refund of an earlier batch was read from (for its dead letter). */
export interface LedgerOrigin {
  readonly partition: number;
  readonly offset: string;
}

/**
 * One multi-row INSERT for the whole batch; an eventId already in the ledger is skipped. Returns
 * the eventIds that were inserted: the batch's new events.
 */
export async function insertLedgerEntries(
  manager: EntityManager,
  entries: readonly LedgerEntry[],
): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  const column = <T>(pick: (entry: LedgerEntry) => T): T[] => entries.map(pick);
  // The inserted ids as one comma-separated text: one row to read back, not one per event.
  const [row]: { ids: string | null }[] = await manager.query(
    `WITH inserted AS (
       INSERT INTO donation_ledger (event_id, platform, platform_txn_id, type, refund_id,
         campaign_id, charity_id, currency, amount_minor, occurred_at, payload,
         kafka_topic, kafka_partition, kafka_offset)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::text[], $7::char(18)[], $8::char(3)[], $9::bigint[], $10::timestamptz[], $11::jsonb[],
         $12::text[], $13::integer[], $14::bigint[])
       ON CONFLICT (event_id) DO NOTHING
       RETURNING event_id, platform, platform_txn_id, type),
     refunded AS (
       INSERT INTO ledger_refund_txns (platform, platform_txn_id)
       SELECT DISTINCT platform, platform_txn_id FROM inserted
       WHERE type = 'donation.refunded' ORDER BY 1, 2
       ON CONFLICT DO NOTHING)
     SELECT string_agg(event_id::text, ',') AS ids FROM inserted`,
    [
      // Contract-restricted values as plain literals (see plainArray), free text as textArray.
      plainArray(column(({ event }) => event.eventId)),
      plainArray(column(({ event }) => event.platform)),
      textArray(column(({ event }) => event.platformTxnId)),
      plainArray(column(({ event }) => event.type)),
      textArray(
        column(({ event }) => (event.type === 'donation.refunded' ? event.refundId : null)),
      ),
      textArray(column(({ event }) => event.campaignId)),
      plainArray(column(({ event }) => event.charityId)),
      plainArray(column(({ event }) => event.currency)),
      plainArray(column(({ event }) => event.amountMinor)),
      plainArray(column(({ event }) => event.occurredAt)),
      textArray(
        column(({ event }) => (event.type === 'donation.refunded' ? JSON.stringify(event) : null)),
      ),
      // Kafka topic names are [a-zA-Z0-9._-] only.
      plainArray(column(({ topic }) => topic)),
      plainArray(column(({ partition }) => partition)),
      plainArray(column(({ offset }) => offset)),
    ],
  );
  return new Set(row?.ids ? row.ids.split(',') : []);
}

interface TransactionRow {
  event_id: string;
  platform: string;
  platform_txn_id: string;
  type: string;
  amount_minor: string;
  payload: unknown;
  kafka_partition: number;
  kafka_offset: string;
}

export interface LedgerTransactions {
  readonly transactions: Map<string, LedgerTransaction>;
  readonly origins: Map<string, LedgerOrigin>;
}

/**
 * The counted donation and refunds of the events' platform transactions, leaving out the events
 * of this batch (`exclude`): what the ledger held before the batch.
 */
export async function loadTransactions(
  manager: EntityManager,
  events: readonly DonationEventV1[],
  exclude: ReadonlySet<string>,
): Promise<LedgerTransactions> {
  const result: LedgerTransactions = { transactions: new Map(), origins: new Map() };
  if (events.length === 0) return result;
  // Driven from the transactions, one index lookup each (OFFSET 0 keeps the lookups
  // parameterized subqueries): the plan does not depend on the ledger's statistics. The ledger
  // (every hash partition) is read only for the transactions with a refund, in the batch or in
  // ledger_refund_txns (one primary-key probe): a donation without refunds has nothing to check.
  const rows: TransactionRow[] = await manager.query(
    `SELECT l.event_id, l.platform, l.platform_txn_id, l.type, l.amount_minor, l.payload,
            l.kafka_partition, l.kafka_offset
     FROM (SELECT platform, platform_txn_id, bool_or(refund) AS refund
           FROM unnest($1::text[], $2::text[], $4::boolean[]) AS e(platform, platform_txn_id, refund)
           GROUP BY 1, 2) AS t
     CROSS JOIN LATERAL (
       SELECT t.refund OR EXISTS (
         SELECT 1 FROM ledger_refund_txns r
         WHERE r.platform = t.platform AND r.platform_txn_id = t.platform_txn_id) AS refunded
       OFFSET 0) AS known
     CROSS JOIN LATERAL (
       SELECT * FROM donation_ledger
       WHERE known.refunded AND platform = t.platform AND platform_txn_id = t.platform_txn_id
       OFFSET 0) AS l
     WHERE l.counted AND NOT (l.event_id = ANY($3::uuid[]))`,
    [
      events.map((e) => e.platform),
      events.map((e) => e.platformTxnId),
      [...exclude],
      events.map((e) => e.type === 'donation.refunded'),
    ],
  );
  for (const row of rows) addTransactionRow(result, row);
  return result;
}

function addTransactionRow(result: LedgerTransactions, row: TransactionRow): void {
  const key = transactionKey({ platform: row.platform, platformTxnId: row.platform_txn_id });
  const known = result.transactions.get(key) ?? {
    donationMinor: undefined,
    countedRefunds: [],
  };
  if (row.type === 'donation.completed') {
    result.transactions.set(key, { ...known, donationMinor: BigInt(row.amount_minor) });
    return;
  }
  const refund = DonationRefundedV1Schema.parse(row.payload);
  result.origins.set(refund.eventId, { partition: row.kafka_partition, offset: row.kafka_offset });
  result.transactions.set(key, { ...known, countedRefunds: [...known.countedRefunds, refund] });
}

/** Marks refunds as dead-lettered: no longer counted, with the reason. */
export async function markNotCounted(
  manager: EntityManager,
  eventIds: readonly string[],
  reason: string,
): Promise<void> {
  if (eventIds.length === 0) return;
  await manager.query(
    `UPDATE donation_ledger SET counted = false, rejection = $2 WHERE event_id = ANY($1::uuid[])`,
    [eventIds, reason],
  );
}
