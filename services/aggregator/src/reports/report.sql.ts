/** Whose ledger rows a report covers: a campaign's or a charity's. */
export type ReportScope = 'campaign' | 'charity';

/** Which figures a row of the report query holds (its grouping set). */
export type ReportSlice = 'currency' | 'platform' | 'month' | 'campaign' | 'control';

/** One row of REPORT_SQL: the figures of one slice; the columns outside its grouping are null. */
export interface ReportRow {
  readonly slice: ReportSlice;
  readonly currency: string | null;
  readonly platform: string | null;
  readonly month: string | null;
  readonly campaign_id: string | null;
  readonly raised_minor: string;
  readonly refunded_minor: string;
  readonly net_minor: string;
  readonly donation_count: string;
  readonly refund_count: string;
  readonly ledger_rows: string;
  readonly amount_minor_sum: string;
}

const COLUMN: Record<ReportScope, string> = { campaign: 'campaign_id', charity: 'charity_id' };

const RAISED = `COALESCE(sum(amount_minor) FILTER (WHERE type = 'donation.completed'), 0)`;
const REFUNDED = `COALESCE(sum(amount_minor) FILTER (WHERE type = 'donation.refunded'), 0)`;

/**
 * A report's figures in one statement, one pass over the counted ledger rows of the scope and
 * period ($1 the id, [$2, $3) the period's instants), one row per grouping set. sum(bigint) is
 * numeric: exact, sent as text. The period is a range on occurred_at itself (an index range per
 * hash partition); the month is the Beijing one. GROUPING() bits: currency 8, platform 4, month
 * 2, campaign_id 1, set when the column is not grouped.
 *
 * The control line (the empty grouping set) covers the same rows as the figures: the COUNTED
 * ledger rows of the scope and period. Its count is every donation and refund counted, its sum
 * the sum of their own amounts (refunds positive, over every currency: a control total, not an
 * amount of money), so it ties to the figures: rows = Σ donationCount + Σ refundCount, sum =
 * Σ raisedMinor + Σ refundedMinor. Rows that are not counted (a refund larger than its donation,
 * a value out of range) are in no figure and not in it. An auditor reproduces it on the active
 * generation's schema (for `all`, without the occurred_at bounds):
 *   SELECT count(*), sum(amount_minor) FROM donation_ledger
 *   WHERE charity_id = '<USCC>' AND counted
 *     AND occurred_at >= '2026-07-01 00:00+08' AND occurred_at < '2026-10-01 00:00+08';
 */
export function reportSql(scope: ReportScope): string {
  return `SELECT CASE GROUPING(currency, platform, month, campaign_id)
                   WHEN 7 THEN 'currency' WHEN 3 THEN 'platform' WHEN 5 THEN 'month'
                   WHEN 6 THEN 'campaign' WHEN 15 THEN 'control' END AS slice,
                 currency, platform, month, campaign_id,
                 ${RAISED}::text AS raised_minor,
                 ${REFUNDED}::text AS refunded_minor,
                 (${RAISED} - ${REFUNDED})::text AS net_minor,
                 count(*) FILTER (WHERE type = 'donation.completed')::text AS donation_count,
                 count(*) FILTER (WHERE type = 'donation.refunded')::text AS refund_count,
                 count(*)::text AS ledger_rows,
                 COALESCE(sum(amount_minor), 0)::text AS amount_minor_sum
          FROM (SELECT currency::text AS currency, platform, campaign_id, type, amount_minor,
                       to_char(occurred_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month
                FROM donation_ledger
                WHERE ${COLUMN[scope]} = $1 AND counted
                  AND occurred_at >= $2::timestamptz AND occurred_at < $3::timestamptz) AS covered
          GROUP BY GROUPING SETS ((currency), (currency, platform), (currency, month),
                                  (currency, campaign_id), ())
          ORDER BY slice, campaign_id, currency, platform, month`;
}

/**
 * The charity of the scope's ledger rows, counted or not, whatever their time: none when the
 * ledger has no row of the id (404, whatever the period).
 */
export function charityOfSql(scope: ReportScope): string {
  return `SELECT charity_id::text AS charity_id FROM donation_ledger
          WHERE ${COLUMN[scope]} = $1 LIMIT 1`;
}
