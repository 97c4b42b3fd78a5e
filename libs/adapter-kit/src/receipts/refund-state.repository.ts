import type { DataSource, EntityManager } from 'typeorm';
import { donationEventId, Platform } from '@donations/contracts';
import type { CampaignRef } from '../pipeline/platform-mapping';
import { nextRefund, RefundObservation, refundedLevel } from './refund-level';
import type { ReceiptSource } from './webhook-receipt.entity';

/** One report of a transaction's refunds (a webhook or a statement row), to settle. */
export interface RefundReport {
  platformTxnId: string;
  observations: readonly RefundObservation[];
  source: ReceiptSource;
  /** The donation's amount when the report carries it; else the donation's receipt caps it. */
  capMinor?: number;
  /** For an event this report causes: its campaign, currency and time. */
  campaign: CampaignRef;
  currency: string;
  occurredAt: string;
}

/** A refund event to send: the new one, and any earlier one whose sending was never confirmed. */
export interface IssuedRefund {
  platformTxnId: string;
  refundId: string;
  amountMinor: number;
  campaignId: string;
  charityId: string;
  currency: string;
  occurredAt: string;
}

export interface RefundSettlement {
  toEmit: IssuedRefund[];
  /** The observation's key was reported before, and by what (the first report). */
  seenBefore?: ReceiptSource;
}

interface IssueRow {
  level_minor: string;
  amount_minor: string;
  refund_id: string;
  campaign_id: string;
  charity_id: string;
  currency: string;
  occurred_at: Date;
  confirmed: boolean;
}

/**
 * The adapters' per-transaction refund state (refund_observations, refund_issues; see the
 * RefundState migration). The caller holds the transaction's lock (TransactionLock, key
 * `<platform>:<platformTxnId>`), so settlements of one transaction run one at a time.
 */
export class RefundStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the report's observations, and when they raise the transaction's refunded level,
   * issues one refund event of the rise (written before it is sent). Returns what to send: that
   * event and any issued one without a receipt (its sending was lost). `dryRun` rolls it all back.
   */
  async settle(
    platform: Platform,
    report: RefundReport,
    dryRun = false,
  ): Promise<RefundSettlement> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const settlement = await this.settleIn(runner.manager, platform, report);
      await (dryRun ? runner.rollbackTransaction() : runner.commitTransaction());
      return settlement;
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  private async settleIn(
    manager: EntityManager,
    platform: Platform,
    report: RefundReport,
  ): Promise<RefundSettlement> {
    const txn = report.platformTxnId;
    const seenBefore = await this.observe(manager, platform, report);
    const observations = await manager.query<
      { basis: 'single' | 'cumulative'; key: string; amount: string }[]
    >(
      `SELECT basis, refund_key AS key, amount_minor AS amount FROM refund_observations
        WHERE platform = $1 AND platform_txn_id = $2`,
      [platform, txn],
    );
    const cap = report.capMinor ?? (await this.donationAmount(manager, platform, txn));
    const level = refundedLevel(
      observations.map((row) => ({
        basis: row.basis,
        key: row.key,
        amountMinor: Number(row.amount),
      })),
      cap,
    );
    const issues = await manager.query<IssueRow[]>(
      `SELECT i.level_minor, i.amount_minor, i.refund_id, i.campaign_id, i.charity_id, i.currency,
              i.occurred_at, (r.event_id IS NOT NULL) AS confirmed
         FROM refund_issues i LEFT JOIN webhook_receipts r ON r.event_id = i.event_id
        WHERE i.platform = $1 AND i.platform_txn_id = $2`,
      [platform, txn],
    );
    const issuedLevel = Math.max(0, ...issues.map((row) => Number(row.level_minor)));
    const toEmit = issues.filter((row) => !row.confirmed).map((row) => issuedOf(txn, row));
    const step = nextRefund(level, issuedLevel);
    if (step) {
      const issued: IssuedRefund = {
        platformTxnId: txn,
        refundId: step.refundId,
        amountMinor: step.amountMinor,
        campaignId: report.campaign.campaignId,
        charityId: report.campaign.charityId,
        currency: report.currency,
        occurredAt: report.occurredAt,
      };
      await this.issue(manager, platform, step.level, issued);
      toEmit.push(issued);
    }
    return { toEmit, ...(seenBefore ? { seenBefore } : {}) };
  }

  /** Inserts the observations (largest amount per key); the source of a key reported before. */
  private async observe(
    manager: EntityManager,
    platform: Platform,
    report: RefundReport,
  ): Promise<ReceiptSource | undefined> {
    let seenBefore: ReceiptSource | undefined;
    for (const { basis, key, amountMinor } of report.observations) {
      const [row] = await manager.query<{ source: ReceiptSource; inserted: boolean }[]>(
        `INSERT INTO refund_observations AS o
           (platform, platform_txn_id, basis, refund_key, amount_minor, source)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (platform, platform_txn_id, basis, refund_key)
         DO UPDATE SET amount_minor = GREATEST(o.amount_minor, EXCLUDED.amount_minor)
         RETURNING o.source, (xmax = 0) AS inserted`,
        [platform, report.platformTxnId, basis, key, amountMinor, report.source],
      );
      if (row && !row.inserted) seenBefore ??= row.source;
    }
    return seenBefore;
  }

  private async donationAmount(
    manager: EntityManager,
    platform: Platform,
    txn: string,
  ): Promise<number | undefined> {
    const [row] = await manager.query<{ amount: string }[]>(
      `SELECT amount_minor AS amount FROM webhook_receipts
        WHERE platform = $1 AND platform_txn_id = $2 AND type = 'donation.completed' LIMIT 1`,
      [platform, txn],
    );
    return row ? Number(row.amount) : undefined;
  }

  private async issue(
    manager: EntityManager,
    platform: Platform,
    level: number,
    issued: IssuedRefund,
  ): Promise<void> {
    const eventId = donationEventId({
      platform,
      type: 'donation.refunded',
      platformTxnId: issued.platformTxnId,
      refundId: issued.refundId,
    });
    await manager.query(
      `INSERT INTO refund_issues (platform, platform_txn_id, level_minor, amount_minor, refund_id,
         event_id, campaign_id, charity_id, currency, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        platform,
        issued.platformTxnId,
        level,
        issued.amountMinor,
        issued.refundId,
        eventId,
        issued.campaignId,
        issued.charityId,
        issued.currency,
        issued.occurredAt,
      ],
    );
  }
}

function issuedOf(platformTxnId: string, row: IssueRow): IssuedRefund {
  return {
    platformTxnId,
    refundId: row.refund_id,
    amountMinor: Number(row.amount_minor),
    campaignId: row.campaign_id,
    charityId: row.charity_id,
    currency: row.currency.trim(),
    occurredAt: row.occurred_at.toISOString(),
  };
}
