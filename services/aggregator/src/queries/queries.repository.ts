import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TopicName, TOPICS } from '@donations/contracts';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG } from '../connections/connections.tokens';
import { ActiveGeneration, GenerationScope } from '../generations/generation-scope';
import type { LedgerRow, RankedRow, TotalsRow } from './queries.rows';

const COUNTERS = `currency, raised_minor::text, refunded_minor::text, donation_count::text,
  refund_count::text, by_platform, first_event_at, last_event_at`;

/**
 * Reads of the totals, the ledger and the topic versions; parameterised SQL only. Totals and
 * ledger are read from the active generation (a rebuild switches it in one step).
 */
@Injectable()
export class QueriesRepository {
  private readonly generation: GenerationScope;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AGGREGATOR_CONFIG) config: AggregatorConfig,
  ) {
    this.generation = new ActiveGeneration(config.DATABASE_SCHEMA, { lock: false });
  }

  /** The campaign's rows (one per currency) with its charity. */
  campaignTotals(campaignId: string): Promise<(TotalsRow & { charity_id: string })[]> {
    return this.read(
      `SELECT campaign_id AS key, charity_id, ${COUNTERS}
       FROM campaign_totals WHERE campaign_id = $1 ORDER BY currency`,
      [campaignId],
    );
  }

  /** The rows of every campaign of a charity, by campaign then currency. */
  campaignTotalsOfCharity(charityId: string): Promise<TotalsRow[]> {
    return this.read(
      `SELECT campaign_id AS key, ${COUNTERS}
       FROM campaign_totals WHERE charity_id = $1 ORDER BY campaign_id, currency`,
      [charityId],
    );
  }

  charityTotals(charityId: string): Promise<TotalsRow[]> {
    return this.read(
      `SELECT charity_id AS key, ${COUNTERS}
       FROM charity_totals WHERE charity_id = $1 ORDER BY currency`,
      [charityId],
    );
  }

  /** Per currency, the `top` campaigns of a charity by net amount (ties by campaign id). */
  topCampaigns(charityId: string, top: number): Promise<RankedRow[]> {
    return this.read(
      `SELECT campaign_rank::text AS rank, campaign_id, currency, raised_minor::text, refunded_minor::text,
              donation_count::text, refund_count::text, net_minor::text
       FROM (SELECT *, raised_minor - refunded_minor AS net_minor,
                    row_number() OVER (PARTITION BY currency
                      ORDER BY raised_minor - refunded_minor DESC, campaign_id) AS campaign_rank
             FROM campaign_totals WHERE charity_id = $1) AS ranked
       WHERE campaign_rank <= $2 ORDER BY currency, campaign_rank`,
      [charityId, top],
    );
  }

  /** The ledger rows of one platform transaction: its donation and refunds, counted or not. */
  transaction(platform: string, platformTxnId: string): Promise<LedgerRow[]> {
    return this.read(
      `SELECT event_id, type, refund_id, campaign_id, charity_id, currency,
              amount_minor::text, counted, rejection, occurred_at, recorded_at
       FROM donation_ledger WHERE platform = $1 AND platform_txn_id = $2
       ORDER BY occurred_at, recorded_at, event_id`,
      [platform, platformTxnId],
    );
  }

  /** The version of a key's latest aggregate message; 0 when none was written. */
  async versionOf(topic: TopicName, key: string): Promise<number> {
    const rows: { version: string }[] = await this.dataSource.query(
      `SELECT version::text FROM aggregate_versions WHERE topic = $1 AND message_key = $2`,
      [topic, key],
    );
    return rows.length === 0 ? 0 : Number(rows[0].version);
  }

  private read<T>(sql: string, parameters: unknown[]): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await this.generation.enter(manager);
      return manager.query<T>(sql, parameters);
    });
  }
}

export const CAMPAIGN_TOPIC: TopicName = TOPICS.campaignTotals;
export const CHARITY_TOPIC: TopicName = TOPICS.charityRollups;
