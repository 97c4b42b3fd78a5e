import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TotalsCountersColumns } from './totals-counters.columns';

/** One campaign's totals in one currency (written by the set-based upsert of totals-upsert.sql). */
@Entity({ name: 'campaign_totals' })
@Index('campaign_totals_charity_idx', ['charityId'])
export class CampaignTotals extends TotalsCountersColumns {
  @PrimaryColumn({
    name: 'campaign_id',
    type: 'text',
    primaryKeyConstraintName: 'campaign_totals_pkey',
  })
  campaignId!: string;

  @PrimaryColumn({ type: 'char', length: 3, primaryKeyConstraintName: 'campaign_totals_pkey' })
  currency!: string;

  @Column({ name: 'charity_id', type: 'char', length: 18 })
  charityId!: string;
}
