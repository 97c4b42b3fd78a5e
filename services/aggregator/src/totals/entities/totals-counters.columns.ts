import { Column } from 'typeorm';
import { BIGINT } from './column.transformers';

/** `{"alipay": {"raisedMinor": "100", ...}}`: decimal strings, as merge_platform_counters keeps. */
export type ByPlatformJson = Record<string, Record<string, string>>;

/**
 * The columns campaign_totals and charity_totals share (COUNTER_COLUMNS of the migration
 * 1764201600000-aggregator-totals): counters, per-platform breakdown, event times, version.
 */
export abstract class TotalsCountersColumns {
  @Column({ name: 'raised_minor', type: 'bigint', default: 0, transformer: BIGINT })
  raisedMinor!: bigint;

  @Column({ name: 'refunded_minor', type: 'bigint', default: 0, transformer: BIGINT })
  refundedMinor!: bigint;

  @Column({ name: 'donation_count', type: 'bigint', default: 0, transformer: BIGINT })
  donationCount!: bigint;

  @Column({ name: 'refund_count', type: 'bigint', default: 0, transformer: BIGINT })
  refundCount!: bigint;

  @Column({ name: 'by_platform', type: 'jsonb', default: () => "'{}'" })
  byPlatform!: ByPlatformJson;

  /** Earliest occurredAt counted; null while only reversals touched the row. */
  @Column({ name: 'first_event_at', type: 'timestamptz', nullable: true })
  firstEventAt!: Date | null;

  @Column({ name: 'last_event_at', type: 'timestamptz', nullable: true })
  lastEventAt!: Date | null;

  /** Grows by one with every upsert of the row. */
  @Column({ type: 'bigint', default: 1, transformer: BIGINT })
  version!: bigint;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
