import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { SAFE_NUMBER } from './column.transformers';

/**
 * One row per eventId: the audit trail and the dedupe key. The table is hash-partitioned by
 * event_id in the migration (donation_ledger_p0..p7); TypeORM cannot declare that and does not
 * need to: rows are read and written through the parent table.
 */
@Entity({ name: 'donation_ledger' })
@Index('donation_ledger_txn_idx', ['platform', 'platformTxnId'])
/** The ledger reports' indexes (LedgerReportIndexes migration, createLedgerReportIndexes). */
@Index('donation_ledger_campaign_time_idx', ['campaignId', 'occurredAt'])
@Index('donation_ledger_charity_time_idx', ['charityId', 'occurredAt'])
export class DonationLedgerEntry {
  @PrimaryColumn({
    name: 'event_id',
    type: 'uuid',
    primaryKeyConstraintName: 'donation_ledger_pkey',
  })
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

  @Column({ type: 'char', length: 3 })
  currency!: string;

  /** An event's amount: a safe integer by contract. */
  @Column({ name: 'amount_minor', type: 'bigint', transformer: SAFE_NUMBER })
  amountMinor!: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** false for an event that was dead-lettered (see `rejection`): never counted, or taken back. */
  @Column({ type: 'boolean', default: true })
  counted!: boolean;

  /** The dead-letter reason code of an event that is not counted. */
  @Column({ type: 'text', nullable: true })
  rejection!: string | null;

  /** The full event of a refund, kept so that a pending refund can be taken back. */
  @Column({ type: 'jsonb', nullable: true })
  payload!: unknown;

  @Column({ name: 'kafka_topic', type: 'text' })
  kafkaTopic!: string;

  @Column({ name: 'kafka_partition', type: 'integer' })
  kafkaPartition!: number;

  /** A decimal string, as kafkajs reports offsets. */
  @Column({ name: 'kafka_offset', type: 'bigint' })
  kafkaOffset!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
