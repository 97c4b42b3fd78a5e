import { DataSource, EntityManager } from 'typeorm';
import { aDonationEvent, aRefundEvent, DonationEventV1, TOPICS } from '@donations/contracts';
import { createDataSource } from '@donations/database';
import type { ConsumedBatch, ParsedMessage } from '@donations/kafka';
import { createTestSchema, TestSchema } from '@donations/testing';
import { ActiveGeneration } from '../src/generations/generation-scope';
import { BatchToApply, TotalsRepository } from '../src/totals/totals.repository';

type Normalized = typeof TOPICS.donationsNormalized;

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Shared Hit Blocks'?: number;
  readonly 'Shared Read Blocks'?: number;
  readonly Plans?: readonly PlanNode[];
}

interface ExplainedQuery {
  readonly sql: string;
  readonly plan: PlanNode;
}

/** The tables the fill makes big; small ones (offsets, generations) may be scanned. */
const BIG_TABLES =
  /^(ledger_refund_txns|campaign_totals|charity_totals|charity_campaigns|donation_ledger|aggregate_versions|aggregate_outbox)/;

const FILLED_CAMPAIGNS = 100_000;
const FILLED_CHARITIES = 5_000;
const FILLED_LEDGER_ROWS = 200_000;

const charityId = (n: number): string => `PLAN${String(n).padStart(14, '0')}`;

/**
 * Explains (or, with `analyze`, explains, runs and rolls back) every DML statement the batch
 * path sends, in its transaction, before sending it as usual.
 */
function explainEveryQuery(mode: 'plan' | 'analyze'): ExplainedQuery[] {
  const explained: ExplainedQuery[] = [];
  const original = EntityManager.prototype.query;
  jest.spyOn(EntityManager.prototype, 'query').mockImplementation(async function (
    this: EntityManager,
    sql: string,
    params?: unknown[] | object,
  ) {
    if (
      /^\s*(SELECT|INSERT|UPDATE|WITH)\b/i.test(sql) &&
      !/aggregator_active_generation/.test(sql)
    ) {
      const options = mode === 'plan' ? 'FORMAT JSON' : 'ANALYZE, BUFFERS, FORMAT JSON';
      if (mode === 'analyze') await original.call(this, 'SAVEPOINT explain_analyze');
      const rows = (await original.call(this, `EXPLAIN (${options}) ${sql}`, params)) as {
        'QUERY PLAN': { Plan: PlanNode }[];
      }[];
      if (mode === 'analyze') await original.call(this, 'ROLLBACK TO SAVEPOINT explain_analyze');
      explained.push({ sql, plan: rows[0]['QUERY PLAN'][0].Plan });
    }
    return original.call(this, sql, params);
  });
  return explained;
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

const firstLine = (sql: string): string => sql.trim().split('\n')[0];

/** Shared buffers a statement touched (the top node's counts include its children's). */
const buffers = ({ plan }: ExplainedQuery): number =>
  (plan['Shared Hit Blocks'] ?? 0) + (plan['Shared Read Blocks'] ?? 0);

function aBatch(firstOffset: number, events: DonationEventV1[]): BatchToApply {
  const parsed: ParsedMessage<Normalized>[] = events.map((value, index) => ({
    value,
    message: {
      key: value.campaignId,
      value: Buffer.from(JSON.stringify(value)),
      offset: String(firstOffset + index),
      headers: {},
      timestamp: '0',
    },
  }));
  const batch: ConsumedBatch<Normalized> = {
    topic: TOPICS.donationsNormalized,
    kafkaTopic: TOPICS.donationsNormalized,
    partition: 0,
    messages: parsed.map(({ message }) => message),
    firstOffset: String(firstOffset),
    lastOffset: String(firstOffset + events.length - 1),
    nextOffset: String(firstOffset + events.length),
  };
  return { batch, events: parsed };
}

/**
 * The batch queries on tables that were never analyzed (fresh tables, no ANALYZE, autovacuum off
 * or not yet run): their plans must not depend on statistics. And the cost of a batch must not
 * grow with the number of campaigns of the charities it touches.
 */
describe('batch queries on unanalyzed tables (real PostgreSQL)', () => {
  let schema: TestSchema;
  let dataSource: DataSource;
  let repository: TotalsRepository;
  let nextOffset = 0;

  const apply = async (events: DonationEventV1[]): Promise<void> => {
    await repository.applyBatch(aBatch(nextOffset, events));
    nextOffset += events.length;
  };

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      poolSize: 2,
    }).initialize();
    repository = new TotalsRepository(
      dataSource,
      'group-plans',
      new ActiveGeneration(schema.schema, { lock: true }),
    );
    // Filled with plain INSERTs: the tables have pages but no statistics (never analyzed).
    await dataSource.query(
      `INSERT INTO campaign_totals (campaign_id, currency, charity_id)
       SELECT 'fill-' || g, 'CNY', 'PLAN' || lpad((g % $2)::text, 14, '0')
       FROM generate_series(1, $1::int) g`,
      [FILLED_CAMPAIGNS, FILLED_CHARITIES],
    );
    await dataSource.query(
      `INSERT INTO charity_campaigns (charity_id, campaign_id)
       SELECT 'PLAN' || lpad((g % $2)::text, 14, '0'), 'fill-' || g
       FROM generate_series(1, $1::int) g`,
      [FILLED_CAMPAIGNS, FILLED_CHARITIES],
    );
    await dataSource.query(
      `INSERT INTO charity_totals (charity_id, currency)
       SELECT 'PLAN' || lpad(g::text, 14, '0'), 'CNY' FROM generate_series(0, $1::int - 1) g`,
      [FILLED_CHARITIES],
    );
    await dataSource.query(
      `INSERT INTO aggregate_versions (topic, message_key, version)
       SELECT $2::text, 'fill-' || g, 1 FROM generate_series(1, $1::int) g`,
      [FILLED_CAMPAIGNS, TOPICS.campaignTotals],
    );
    await dataSource.query(
      `INSERT INTO donation_ledger (event_id, platform, platform_txn_id, type, campaign_id,
         charity_id, currency, amount_minor, occurred_at, kafka_topic, kafka_partition, kafka_offset)
       SELECT gen_random_uuid(), 'alipay', 'fill-' || g, 'donation.completed', 'fill-' || g,
              'PLAN' || lpad((g % 5000)::text, 14, '0'), 'CNY', 100, now(), 'fill', 0, g
       FROM generate_series(1, $1::int) g`,
      [FILLED_LEDGER_ROWS],
    );
    await dataSource.query(
      `INSERT INTO ledger_refund_txns (platform, platform_txn_id)
       SELECT 'alipay', 'fill-' || g FROM generate_series(1, $1::int, 4) g`,
      [FILLED_LEDGER_ROWS],
    );
    const analyzed: { analyzed: string }[] = await dataSource.query(
      `SELECT count(*) AS analyzed FROM pg_stat_user_tables
       WHERE schemaname = current_schema() AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`,
    );
    expect(Number(analyzed[0].analyzed)).toBe(0);
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  it('plan a batch of 1,000 campaigns, charities and transactions with index lookups, no Seq Scan on the big tables', async () => {
    const donations = Array.from({ length: 1_000 }, (_, n) =>
      aDonationEvent({
        campaignId: n % 2 === 0 ? `fill-${n + 1}` : `new-${n}`,
        charityId: charityId(n),
        amountMinor: 100,
      }),
    );
    // Refunds larger than their donation: the refund rule rejects them (marks the ledger rows).
    const refunds = donations.slice(0, 20).map((donation) =>
      aRefundEvent({
        platformTxnId: donation.platformTxnId,
        campaignId: donation.campaignId,
        charityId: donation.charityId,
        amountMinor: 1_000,
      }),
    );
    const explained = explainEveryQuery('plan');
    await apply([...donations, ...refunds]);

    const seqScans = explained.flatMap((query) =>
      nodes(query.plan)
        .filter((node) => node['Node Type'] === 'Seq Scan')
        .filter((node) => BIG_TABLES.test(node['Relation Name'] ?? ''))
        .map((node) => `${node['Relation Name']} in: ${firstLine(query.sql)}`),
    );
    expect({ statements: explained.length > 5, seqScans }).toEqual({
      statements: true,
      seqScans: [],
    });
  });

  it('cost a batch touching a charity with 20,000 campaigns no more than one touching a charity with 10', async () => {
    const big = charityId(900_001);
    const small = charityId(900_002);
    const campaignsOf = (charity: string, count: number, prefix: string) =>
      Array.from({ length: count }, (_, n) =>
        aDonationEvent({ campaignId: `${prefix}-${n}`, charityId: charity, amountMinor: 1 }),
      );
    await apply(campaignsOf(big, 20_000, 'big'));
    await apply(campaignsOf(small, 10, 'small'));

    const cost = async (charity: string, campaignId: string): Promise<number> => {
      const explained = explainEveryQuery('analyze');
      await apply([aDonationEvent({ campaignId, charityId: charity, amountMinor: 5 })]);
      jest.restoreAllMocks();
      return explained.reduce((sum, query) => sum + buffers(query), 0);
    };
    // Warm both paths once (first-touch effects), then measure a new campaign of each charity.
    await cost(big, 'big-warm');
    await cost(small, 'small-warm');
    const bigCost = await cost(big, 'big-measured');
    const smallCost = await cost(small, 'small-measured');

    // Same statements, same B-tree depths: equal up to a few pages (a leaf split, a new heap page).
    expect({ bigCost, smallCost, withinBound: Math.abs(bigCost - smallCost) <= 12 }).toEqual({
      bigCost,
      smallCost,
      withinBound: true,
    });
    const counts: { count: string }[] = await dataSource.query(
      `SELECT count(*) AS count FROM charity_campaigns WHERE charity_id = $1`,
      [big],
    );
    expect(Number(counts[0].count)).toBe(20_002);
  });
});
