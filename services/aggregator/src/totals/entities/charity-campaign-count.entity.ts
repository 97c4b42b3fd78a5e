import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SAFE_NUMBER } from './column.transformers';

/** How many campaigns a charity has (its roll-up's campaign count), kept by the batches. */
@Entity({ name: 'charity_campaign_counts' })
export class CharityCampaignCount {
  @PrimaryColumn({
    name: 'charity_id',
    type: 'char',
    length: 18,
    primaryKeyConstraintName: 'charity_campaign_counts_pkey',
  })
  charityId!: string;

  @Column({ name: 'campaign_count', type: 'bigint', transformer: SAFE_NUMBER })
  campaignCount!: number;
}
