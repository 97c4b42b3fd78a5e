import { Between, DataSource, Repository } from 'typeorm';
import type { DonationEventV1, Platform } from '@donations/contracts';
import { NaturalBatcher } from '@donations/kafka';
import type { CampaignRef } from '../pipeline/platform-mapping';
import { RefundReport, RefundSettlement, RefundStateRepository } from './refund-state.repository';
import { ReceiptSource, WebhookReceipt } from './webhook-receipt.entity';

/** The adapters' record of accepted events (see the webhook_receipts migration). */
export class WebhookReceiptsRepository {
  private readonly repository: Repository<WebhookReceipt>;
  private readonly batcher: NaturalBatcher<WebhookReceipt[]>;
  private readonly refunds: RefundStateRepository;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(WebhookReceipt);
    this.refunds = new RefundStateRepository(dataSource);
    this.batcher = new NaturalBatcher(
      (batches) => this.insert(batches.flat()),
      1_000,
      (receipts) => receipts.length,
    );
  }

  /**
   * Resolves once the receipts are committed. Concurrent callers share one multi-row
   * INSERT ... ON CONFLICT DO NOTHING (a redelivered event is recorded once): one round trip
   * and one commit per batch instead of per webhook.
   */
  async record(events: readonly DonationEventV1[], source: ReceiptSource): Promise<void> {
    if (events.length === 0) return;
    await this.batcher.submit(events.map((event) => toReceipt(event, source)));
  }

  /**
   * One statement whatever the batch size: the columns travel as arrays and unnest() turns them
   * into rows, so the SQL text and its parameter count stay constant (cheap to build and plan).
   */
  private async insert(receipts: WebhookReceipt[]): Promise<void> {
    const column = <K extends keyof WebhookReceipt>(key: K) => receipts.map((r) => r[key]);
    await this.repository.query(
      `INSERT INTO webhook_receipts (event_id, platform, platform_txn_id, type, refund_id,
         campaign_id, charity_id, amount_minor, currency, occurred_at, source)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[],
         $6::text[], $7::char(18)[], $8::bigint[], $9::char(3)[], $10::timestamptz[], $11::text[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        column('eventId'),
        column('platform'),
        column('platformTxnId'),
        column('type'),
        column('refundId'),
        column('campaignId'),
        column('charityId'),
        column('amountMinor'),
        column('currency'),
        column('occurredAt'),
        column('source'),
      ],
    );
  }

  async campaignOfTransaction(
    platform: Platform,
    platformTxnId: string,
  ): Promise<CampaignRef | undefined> {
    const row = await this.repository.findOne({
      where: { platform, platformTxnId, type: 'donation.completed' },
      select: { campaignId: true, charityId: true },
    });
    return row ? { campaignId: row.campaignId, charityId: row.charityId } : undefined;
  }

  /**
   * Settles a refund report of one transaction (see RefundStateRepository.settle): the caller
   * holds the transaction's lock, sends `toEmit` and then records their receipts.
   */
  settleRefunds(
    platform: Platform,
    report: RefundReport,
    dryRun = false,
  ): Promise<RefundSettlement> {
    return this.refunds.settle(platform, report, dryRun);
  }

  findByEventIds(eventIds: readonly string[]): Promise<WebhookReceipt[]> {
    if (eventIds.length === 0) return Promise.resolve([]);
    return this.repository
      .createQueryBuilder('r')
      .where('r.event_id IN (:...eventIds)', { eventIds })
      .getMany();
  }

  findInPeriod(platform: Platform, from: Date, to: Date): Promise<WebhookReceipt[]> {
    return this.repository.find({ where: { platform, occurredAt: Between(from, to) } });
  }
}

function toReceipt(event: DonationEventV1, source: ReceiptSource): WebhookReceipt {
  const receipt = new WebhookReceipt();
  receipt.eventId = event.eventId;
  receipt.platform = event.platform;
  receipt.platformTxnId = event.platformTxnId;
  receipt.type = event.type;
  receipt.refundId = event.type === 'donation.refunded' ? event.refundId : null;
  receipt.campaignId = event.campaignId;
  receipt.charityId = event.charityId;
  receipt.amountMinor = event.amountMinor;
  receipt.currency = event.currency;
  receipt.occurredAt = new Date(event.occurredAt);
  receipt.source = source;
  return receipt;
}
