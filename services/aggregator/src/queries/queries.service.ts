import { Inject, Injectable } from '@nestjs/common';
import type { Platform } from '@donations/contracts';
import { notFound } from './queries.errors';
import { CAMPAIGN_TOPIC, CHARITY_TOPIC, QueriesRepository } from './queries.repository';
import { eventTimesOf, ledgerEventOf, rankedOf, TotalsRow, totalsOf } from './queries.rows';
import type {
  CampaignView,
  CharityCampaignView,
  CharityView,
  TopCampaignsView,
  VerificationView,
} from './queries.views';

/** What PostgreSQL holds about campaigns, charities and platform transactions. */
@Injectable()
export class QueriesService {
  constructor(@Inject(QueriesRepository) private readonly repository: QueriesRepository) {}

  async campaign(campaignId: string): Promise<CampaignView> {
    const rows = await this.repository.campaignTotals(campaignId);
    if (rows.length === 0) throw notFound(`campaign ${campaignId}`);
    return {
      campaignId,
      charityId: rows[0].charity_id,
      totals: totalsOf(rows),
      ...eventTimesOf(rows),
      version: await this.repository.versionOf(CAMPAIGN_TOPIC, campaignId),
    };
  }

  async charity(charityId: string): Promise<CharityView> {
    const rows = await this.repository.charityTotals(charityId);
    if (rows.length === 0) throw notFound(`charity ${charityId}`);
    const campaignRows = await this.repository.campaignTotalsOfCharity(charityId);
    return {
      charityId,
      totals: totalsOf(rows),
      ...eventTimesOf(rows),
      version: await this.repository.versionOf(CHARITY_TOPIC, charityId),
      campaigns: campaignsOf(campaignRows),
    };
  }

  async topCampaigns(charityId: string, top: number): Promise<TopCampaignsView> {
    const rows = await this.repository.topCampaigns(charityId, top);
    if (rows.length === 0) throw notFound(`charity ${charityId}`);
    return { charityId, top, byCurrency: rankedOf(rows) };
  }

  async verify(platform: Platform, platformTxnId: string): Promise<VerificationView> {
    const rows = await this.repository.transaction(platform, platformTxnId);
    if (rows.length === 0) throw notFound(`transaction ${platform}/${platformTxnId}`);
    const donation = rows.find((row) => row.type === 'donation.completed');
    const where = donation ?? rows[0];
    return {
      platform,
      platformTxnId,
      donationCounted: donation?.counted ?? false,
      campaignId: where.campaign_id,
      charityId: where.charity_id,
      events: rows.map(ledgerEventOf),
    };
  }
}

/** Groups rows ordered by campaign into one entry per campaign. */
function campaignsOf(rows: readonly TotalsRow[]): CharityCampaignView[] {
  const byCampaign = new Map<string, TotalsRow[]>();
  for (const row of rows) byCampaign.set(row.key, [...(byCampaign.get(row.key) ?? []), row]);
  return [...byCampaign].map(([campaignId, own]) => ({ campaignId, totals: totalsOf(own) }));
}
