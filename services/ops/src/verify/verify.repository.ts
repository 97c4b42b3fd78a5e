import type { DataSource, EntityManager } from 'typeorm';
import { OpsError } from '../ops-error';
import { countersOf, Figures } from './figures';
import { foldLedger, LedgerFigures, LedgerGroup } from './ledger.fold';
import { tableFigures, TotalsRow } from './source-figures';

/** The reason the aggregator gives a refund it does not count (refund.fold.ts). */
const REFUND_EXCEEDS_DONATION = 'AGGREGATE.REFUND_EXCEEDS_DONATION';

export interface ActiveGeneration {
  readonly generation: number;
  readonly schema: string;
}

/** The ledger's figures and the totals tables', read from one snapshot of the active generation. */
export interface StoredFigures {
  readonly generation: ActiveGeneration;
  readonly ledger: LedgerFigures;
  readonly tables: { readonly campaigns: Figures; readonly charities: Figures };
}

/**
 * Reads the aggregator's active generation in one REPEATABLE READ, READ ONLY transaction: the
 * ledger and the totals the aggregator commits together are seen at the same instant, so a
 * difference between them is never a batch in flight. `campaignId`: that campaign and its
 * charities only.
 */
export function readStoredFigures(
  dataSource: DataSource,
  campaignId: string | undefined,
): Promise<StoredFigures> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    await manager.query('SET TRANSACTION READ ONLY');
    const generation = await activeGeneration(manager);
    const schema = quoted(generation.schema);
    const charityIds =
      campaignId === undefined ? null : await charitiesOf(manager, schema, campaignId);
    const ledger = foldLedger(await ledgerGroups(manager, schema, charityIds));
    const tables = await totalsTables(manager, schema, campaignId ?? null, charityIds);
    return { generation, ledger, tables };
  });
}

/** The charities a campaign's events name, and the one its totals row names. */
async function charitiesOf(
  manager: EntityManager,
  schema: string,
  campaignId: string,
): Promise<string[]> {
  const rows: { id: string }[] = await manager.query(
    `SELECT charity_id::text AS id FROM ${schema}.donation_ledger WHERE campaign_id = $1
     UNION SELECT charity_id::text FROM ${schema}.campaign_totals WHERE campaign_id = $1`,
    [campaignId],
  );
  return rows.map((row) => row.id);
}

async function activeGeneration(manager: EntityManager): Promise<ActiveGeneration> {
  const rows: { generation: number; schema_name: string }[] = await manager.query(
    'SELECT generation, schema_name FROM aggregator_active_generation',
  );
  if (rows.length === 0) {
    throw new OpsError('OPS.NO_ACTIVE_GENERATION', 'aggregator_active_generation has no row');
  }
  return { generation: rows[0].generation, schema: rows[0].schema_name };
}

interface LedgerRow {
  campaign_id: string;
  charity_id: string;
  currency: string;
  platform: string;
  raised_minor: string;
  refunded_minor: string;
  donation_count: string;
  refund_count: string;
}

/**
 * One aggregate query over the whole ledger (one scan, whatever the number of campaigns): the
 * counted events by campaign, charity, currency and platform. Refunds taken back or refused
 * (counted false, REFUND_EXCEEDS_DONATION) count nothing but keep their campaign in the
 * charity's campaigns, as the aggregator's charity_campaigns does.
 */
async function ledgerGroups(
  manager: EntityManager,
  schema: string,
  charityIds: readonly string[] | null,
): Promise<LedgerGroup[]> {
  const rows: LedgerRow[] = await manager.query(
    `SELECT campaign_id, charity_id::text AS charity_id, currency::text AS currency, platform,
       COALESCE(sum(amount_minor) FILTER (WHERE counted AND type = 'donation.completed'), 0)::text
         AS raised_minor,
       COALESCE(sum(amount_minor) FILTER (WHERE counted AND type = 'donation.refunded'), 0)::text
         AS refunded_minor,
       count(*) FILTER (WHERE counted AND type = 'donation.completed')::text AS donation_count,
       count(*) FILTER (WHERE counted AND type = 'donation.refunded')::text AS refund_count
     FROM ${schema}.donation_ledger
     WHERE (counted OR rejection = $2) AND ($1::text[] IS NULL OR charity_id = ANY($1::text[]))
     GROUP BY 1, 2, 3, 4`,
    [charityIds, REFUND_EXCEEDS_DONATION],
  );
  return rows.map((row) => ({
    campaignId: row.campaign_id,
    charityId: row.charity_id,
    currency: row.currency,
    platform: row.platform,
    counters: countersOf({
      raisedMinor: row.raised_minor,
      refundedMinor: row.refunded_minor,
      donationCount: row.donation_count,
      refundCount: row.refund_count,
    }),
  }));
}

const COUNTERS = `currency::text AS currency, raised_minor::text AS raised_minor,
  refunded_minor::text AS refunded_minor, donation_count::text AS donation_count,
  refund_count::text AS refund_count, by_platform`;

async function totalsTables(
  manager: EntityManager,
  schema: string,
  campaignId: string | null,
  charityIds: readonly string[] | null,
): Promise<StoredFigures['tables']> {
  const campaigns: TotalsRow[] = await manager.query(
    `SELECT campaign_id AS id, ${COUNTERS}
     FROM ${schema}.campaign_totals WHERE $1::text IS NULL OR campaign_id = $1`,
    [campaignId],
  );
  const charities: TotalsRow[] = await manager.query(
    `SELECT charity_id::text AS id, ${COUNTERS} FROM ${schema}.charity_totals
     WHERE $1::text[] IS NULL OR charity_id = ANY($1::text[])`,
    [charityIds],
  );
  const counts: { id: string; campaign_count: string }[] = await manager.query(
    `SELECT charity_id::text AS id, campaign_count::text AS campaign_count
     FROM ${schema}.charity_campaign_counts WHERE $1::text[] IS NULL OR charity_id = ANY($1::text[])`,
    [charityIds],
  );
  return {
    campaigns: tableFigures(campaigns),
    charities: tableFigures(
      charities,
      new Map(counts.map((row) => [row.id, BigInt(row.campaign_count)])),
    ),
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A generation's schema as a quoted identifier (only plain lower-case names are generations'). */
function quoted(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new OpsError('OPS.INVALID_GENERATION', `not a generation schema name: ${schema}`);
  }
  return `"${schema}"`;
}
