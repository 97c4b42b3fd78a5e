import { DataSource } from 'typeorm';
import { createDataSource } from '@donations/database';
import { createTestSchema, TestSchema } from '@donations/testing';
import { reportPeriodOf } from '../src/reports/report-period';
import { charityOfSql, reportSql, ReportScope } from '../src/reports/report.sql';

interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  readonly Plans?: readonly PlanNode[];
}

const FILLED_LEDGER_ROWS = 200_000;
const FILLED_CAMPAIGNS = 20_000;
const FILLED_CHARITIES = 2_000;

const charityId = (n: number): string => `PLAN${String(n).padStart(14, '0')}`;

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

/**
 * The report statements on a ledger that was never analyzed (fresh tables, autovacuum off here):
 * each reads the id's rows through the scope's (id, occurred_at) index in every hash partition,
 * never a scan of the ledger, whatever the period.
 */
describe('ledger report queries on an unanalyzed ledger (real PostgreSQL)', () => {
  let schema: TestSchema;
  let dataSource: DataSource;

  beforeAll(async () => {
    schema = await createTestSchema();
    dataSource = await createDataSource({
      url: schema.url,
      schema: schema.schema,
      poolSize: 1,
    }).initialize();
    // Plain INSERTs: pages but no statistics. Times spread over 2025-2026.
    await dataSource.query(
      `INSERT INTO donation_ledger (event_id, platform, platform_txn_id, type, campaign_id,
         charity_id, currency, amount_minor, occurred_at, kafka_topic, kafka_partition, kafka_offset)
       SELECT gen_random_uuid(), 'alipay', 'fill-' || g, 'donation.completed',
              'fill-' || (g % $2), 'PLAN' || lpad((g % $3)::text, 14, '0'), 'CNY', 100,
              timestamptz '2025-01-01 00:00+08' + (g % 700) * interval '1 day', 'fill', 0, g
       FROM generate_series(1, $1::int) g`,
      [FILLED_LEDGER_ROWS, FILLED_CAMPAIGNS, FILLED_CHARITIES],
    );
    const analyzed: { analyzed: string }[] = await dataSource.query(
      `SELECT count(*) AS analyzed FROM pg_stat_user_tables
       WHERE schemaname = current_schema() AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`,
    );
    expect(Number(analyzed[0].analyzed)).toBe(0);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await schema?.drop();
  });

  async function explain(sql: string, parameters: unknown[]): Promise<PlanNode[]> {
    const rows: { 'QUERY PLAN': { Plan: PlanNode }[] }[] = await dataSource.query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    return nodes(rows[0]['QUERY PLAN'][0].Plan);
  }

  /** How each ledger partition is read: the scans of the plan on donation_ledger_p*. */
  const ledgerReads = (plan: PlanNode[]) =>
    plan
      .filter((node) => /^donation_ledger/.test(node['Relation Name'] ?? node['Index Name'] ?? ''))
      .map((node) => `${node['Node Type']} ${node['Index Name'] ?? node['Relation Name']}`);

  const cases: [ReportScope, string, string][] = [
    ['charity', charityId(7), 'charity_id_occurred_at_idx'],
    ['campaign', 'fill-7', 'campaign_id_occurred_at_idx'],
  ];

  it.each(cases)(
    'reads a %s report through its index, by quarter and for all',
    async (scope, id, index) => {
      for (const period of ['2026-Q3', 'all']) {
        const { fromInstant, untilInstant } = reportPeriodOf(period);
        const reads = ledgerReads(await explain(reportSql(scope), [id, fromInstant, untilInstant]));

        expect(reads.filter((read) => read.startsWith('Seq Scan'))).toEqual([]);
        const indexed = reads.filter((read) => /Index/.test(read) && read.endsWith(index));
        // One index read per hash partition of the ledger (8).
        expect([period, indexed.length]).toEqual([period, 8]);
      }
      const found = ledgerReads(await explain(charityOfSql(scope), [id]));
      expect(found.filter((read) => read.startsWith('Seq Scan'))).toEqual([]);
    },
  );
});
