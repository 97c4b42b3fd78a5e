import type { DataSource } from 'typeorm';
import type { Platform } from '@donations/contracts';
import type { CampaignRef } from '../pipeline/platform-mapping';
import type { ReceiptSource } from '../receipts/webhook-receipt.entity';
import type { ReceiptView, StatementPeriod } from './reconciliation';
import type { StatementEvent } from './statement-events';

interface ReceiptRow {
  event_id: string;
  platform_txn_id: string;
  type: string;
  refund_id: string | null;
  campaign_id: string;
  amount_minor: string;
  currency: string;
  occurred_at: Date;
  source: ReceiptSource;
}

/**
 * What one statement import has read so far, in PostgreSQL (statement_import_rows, one row per
 * eventId and import): a second row of a donation or refund is found here, a refund row finds
 * its donation's campaign here, and the receipts the statement lacks are one query at the end.
 * So the import's memory does not grow with the file or its period.
 */
export class StatementStagingRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stages the events; returns the eventIds that were new to this import. */
  async stage(importId: string, events: readonly StatementEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set();
    const column = <T>(pick: (entry: StatementEvent) => T) => events.map(pick);
    const rows = await this.dataSource.query<{ event_id: string }[]>(
      `INSERT INTO statement_import_rows
         (import_id, event_id, platform_txn_id, type, campaign_id, charity_id)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::char(18)[])
       ON CONFLICT (import_id, event_id) DO NOTHING
       RETURNING event_id`,
      [
        importId,
        column((e) => e.event.eventId),
        column((e) => e.event.platformTxnId),
        column((e) => e.event.type),
        column((e) => e.event.campaignId),
        column((e) => e.event.charityId),
      ],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  async campaignOfTransaction(importId: string, txn: string): Promise<CampaignRef | undefined> {
    const [row] = await this.dataSource.query<{ campaign_id: string; charity_id: string }[]>(
      `SELECT campaign_id, charity_id FROM statement_import_rows
        WHERE import_id = $1 AND platform_txn_id = $2 AND type = 'donation.completed' LIMIT 1`,
      [importId, txn],
    );
    return row && { campaignId: row.campaign_id, charityId: row.charity_id };
  }

  /**
   * Webhook receipts of the platform in the period that the statement does not list: their count
   * and the first `limit` by time. `refundsByTransaction`: a refund receipt counts as listed
   * when the statement has any refund row of its transaction (refund events are named by the
   * transaction's refunded level, statement rows by the platform's refund ids).
   */
  async missingFromStatement(
    importId: string,
    platform: Platform,
    period: StatementPeriod,
    refundsByTransaction: boolean,
    limit: number,
  ): Promise<{ count: number; first: ReceiptView[] }> {
    const where = `FROM webhook_receipts r
      WHERE r.platform = $1 AND r.occurred_at BETWEEN $2 AND $3 AND r.source = 'webhook'
        AND NOT EXISTS (SELECT 1 FROM statement_import_rows s
                         WHERE s.import_id = $4 AND s.event_id = r.event_id)
        AND NOT ($5 AND r.type = 'donation.refunded' AND EXISTS (
              SELECT 1 FROM statement_import_rows s WHERE s.import_id = $4
                 AND s.platform_txn_id = r.platform_txn_id AND s.type = 'donation.refunded'))`;
    const params = [platform, period.from, period.to, importId, refundsByTransaction];
    const [{ count }] = await this.dataSource.query<{ count: string }[]>(
      `SELECT count(*) AS count ${where}`,
      params,
    );
    const rows = await this.dataSource.query<ReceiptRow[]>(
      `SELECT r.event_id, r.platform_txn_id, r.type, r.refund_id, r.campaign_id, r.amount_minor,
              r.currency, r.occurred_at, r.source ${where}
        ORDER BY r.occurred_at, r.event_id LIMIT $6`,
      [...params, limit],
    );
    return { count: Number(count), first: rows.map(receiptOf) };
  }

  async clear(importId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM statement_import_rows WHERE import_id = $1`, [
      importId,
    ]);
  }
}

function receiptOf(row: ReceiptRow): ReceiptView {
  return {
    eventId: row.event_id,
    platformTxnId: row.platform_txn_id,
    type: row.type,
    refundId: row.refund_id,
    campaignId: row.campaign_id,
    amountMinor: Number(row.amount_minor),
    currency: row.currency.trim(),
    occurredAt: row.occurred_at,
    source: row.source,
  };
}
