import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A campaign seen for a charity (its roll-up's campaign count). */
@Entity({ name: 'charity_campaigns' })
export class CharityCampaign {
  @PrimaryColumn({
    name: 'charity_id',
    type: 'char',
    length: 18,
    primaryKeyConstraintName: 'charity_campaigns_pkey',
  })
  charityId!: string;

  @PrimaryColumn({
    name: 'campaign_id',
    type: 'text',
    primaryKeyConstraintName: 'charity_campaigns_pkey',
  })
  campaignId!: string;

  @Column({ name: 'first_seen_at', type: 'timestamptz', default: () => 'now()' })
  firstSeenAt!: Date;
}
