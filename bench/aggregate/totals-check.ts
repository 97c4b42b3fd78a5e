import { Client } from 'pg';
import type { DatasetTruth } from '../common/donation-stream';

export interface TotalsCheck {
  ok: boolean;
  /** One line per disagreement; empty when the aggregator's totals match the dataset. */
  problems: string[];
}

interface CurrencyRow {
  currency: string;
  raised: string;
  refunded: string;
  donations: string;
  refunds: string;
}

/**
 * The aggregator's totals against what the bench produced: per currency, the sums over
 * campaign_totals and over charity_totals equal the dataset's (every duplicate counted once,
 * every refund counted, none dead-lettered), and the ledger holds each distinct event once.
 */
export async function checkTotals(
  databaseUrl: string,
  schema: string,
  truth: DatasetTruth,
): Promise<TotalsCheck> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const problems: string[] = [];
    for (const table of ['campaign_totals', 'charity_totals']) {
      const { rows } = await client.query<CurrencyRow>(
        `SELECT currency, sum(raised_minor)::text AS raised, sum(refunded_minor)::text AS refunded,
           sum(donation_count)::text AS donations, sum(refund_count)::text AS refunds
         FROM "${schema}".${table} GROUP BY currency`,
      );
      problems.push(...compare(table, rows, truth));
    }
    const ledger = await client.query<{ events: string }>(
      `SELECT count(*)::text AS events FROM "${schema}".donation_ledger WHERE counted`,
    );
    const distinct = truth.donations + truth.refunds;
    if (Number(ledger.rows[0].events) !== distinct) {
      problems.push(
        `donation_ledger: ${ledger.rows[0].events} counted events, expected ${distinct}`,
      );
    }
    return { ok: problems.length === 0, problems };
  } finally {
    await client.end();
  }
}

function compare(table: string, rows: readonly CurrencyRow[], truth: DatasetTruth): string[] {
  const problems: string[] = [];
  const found = new Map(rows.map((row) => [row.currency.trim(), row]));
  for (const [currency, expected] of truth.byCurrency) {
    const row = found.get(currency);
    const actual = row
      ? `${row.raised}/${row.refunded}/${row.donations}/${row.refunds}`
      : 'nothing';
    const wanted = `${expected.raisedMinor}/${expected.refundedMinor}/${expected.donationCount}/${expected.refundCount}`;
    if (actual !== wanted) {
      problems.push(
        `${table} ${currency}: raised/refunded/donations/refunds ${actual}, expected ${wanted}`,
      );
    }
  }
  for (const currency of found.keys()) {
    if (!truth.byCurrency.has(currency as never)) problems.push(`${table}: unexpected ${currency}`);
  }
  return problems;
}
