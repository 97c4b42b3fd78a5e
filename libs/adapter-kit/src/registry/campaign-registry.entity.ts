import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'campaign_registry' })
export class CampaignRegistryEntry {
  @PrimaryColumn({ type: 'text' })
  platform!: string;

  @PrimaryColumn({ name: 'platform_project_id', type: 'text' })
  platformProjectId!: string;

  @Column({ name: 'campaign_id', type: 'text' })
  campaignId!: string;

  @Column({ name: 'charity_id', type: 'char', length: 18 })
  charityId!: string;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
