import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReceiptSource = 'webhook' | 'statement';

@Entity({ name: 'webhook_receipts' })
export class WebhookReceipt {
  @PrimaryColumn({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  platform!: string;

  @Column({ name: 'platform_txn_id', type: 'text' })
  platformTxnId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ name: 'refund_id', type: 'text', nullable: true })
  refundId!: string | null;

  @Column({ name: 'campaign_id', type: 'text' })
  campaignId!: string;

  @Column({ name: 'charity_id', type: 'char', length: 18 })
  charityId!: string;

  /** bigint comes back from pg as a string; amounts stay below 2^53 by contract. */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: { to: String, from: Number } })
  amountMinor!: number;

  @Column({ type: 'char', length: 3 })
  currency!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  source!: ReceiptSource;
}
