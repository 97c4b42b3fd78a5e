import { Between, DataSource, Repository } from 'typeorm';
import type { DonationEventV1, Platform } from '@donations/contracts';
import type { CampaignRef } from '../pipeline/platform-mapping';
import { ReceiptSource, WebhookReceipt } from './webhook-receipt.entity';

/** The adapters' record of accepted events (see the webhook_receipts migration). */
export class WebhookReceiptsRepository {
  private readonly repository: Repository<WebhookReceipt>;

  constructor(dataSource: DataSource) {
    this.repository = dataSource.getRepository(WebhookReceipt);
  }

  /** One multi-row INSERT ... ON CONFLICT DO NOTHING: a redelivered event is recorded once. */
  async record(events: readonly DonationEventV1[], source: ReceiptSource): Promise<void> {
    if (events.length === 0) return;
    await this.repository
      .createQueryBuilder()
      .insert()
      .values(events.map((event) => toReceipt(event, source)))
      .orIgnore()
      .execute();
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

  /** Sum of the refunds already accepted for a transaction, in minor units. */
  async refundedSoFar(platform: Platform, platformTxnId: string): Promise<number> {
    const result = await this.repository
      .createQueryBuilder('r')
      .select('COALESCE(SUM(r.amount_minor), 0)', 'total')
      .where('r.platform = :platform AND r.platform_txn_id = :platformTxnId', {
        platform,
        platformTxnId,
      })
      .andWhere(`r.type = 'donation.refunded'`)
      .getRawOne<{ total: string }>();
    return Number(result?.total ?? 0);
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
