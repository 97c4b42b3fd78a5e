import type {
  LedgerReportView,
  ReportCurrencyView,
  ReportFiguresView,
  ReportPeriodView,
} from '@donations/contracts';
import type { ReportRow, ReportScope } from './report.sql';

/** What a report states besides its figures. */
export interface ReportHeading {
  readonly scope: ReportScope;
  readonly id: string;
  readonly charityId: string;
  readonly period: ReportPeriodView;
  readonly generatedAt: Date;
}

const figuresOf = (row: ReportRow): ReportFiguresView => ({
  raisedMinor: row.raised_minor,
  refundedMinor: row.refunded_minor,
  netMinor: row.net_minor,
  donationCount: row.donation_count,
  refundCount: row.refund_count,
});

/** A column the row's grouping set holds (reportSql never leaves it null there). */
function grouped(row: ReportRow, column: 'currency' | 'platform' | 'month' | 'campaign_id') {
  const value = row[column];
  if (value === null) throw new Error(`a ${row.slice} row of the report has no ${column}`);
  return value;
}

/**
 * The report from the rows of reportSql, in their order (by slice, then campaign, currency,
 * platform, month): currencies and platforms alphabetical, months oldest first. No
 * arithmetic here: every figure is PostgreSQL's. A campaign's report lists its own lines as its
 * campaigns, so that both scopes have the same shape.
 */
export function ledgerReportOf(
  heading: ReportHeading,
  rows: readonly ReportRow[],
): LedgerReportView {
  const currencies = new Map<string, ReportCurrencyView>();
  const currencyOf = (row: ReportRow): ReportCurrencyView => {
    const currency = currencies.get(grouped(row, 'currency'));
    if (currency === undefined) throw new Error('a report row of a currency without its total');
    return currency;
  };
  const campaigns: LedgerReportView['campaigns'] = [];
  let control: LedgerReportView['control'] = { ledgerRows: '0', amountMinorSum: '0' };
  for (const row of rows.filter((each) => each.slice === 'currency')) {
    const currency = grouped(row, 'currency');
    currencies.set(currency, { currency, ...figuresOf(row), byPlatform: [], byMonth: [] });
  }
  for (const row of rows) {
    switch (row.slice) {
      case 'currency':
        break;
      case 'platform':
        currencyOf(row).byPlatform.push({ platform: grouped(row, 'platform'), ...figuresOf(row) });
        break;
      case 'month':
        currencyOf(row).byMonth.push({ month: grouped(row, 'month'), ...figuresOf(row) });
        break;
      case 'campaign':
        campaigns.push({
          campaignId: grouped(row, 'campaign_id'),
          currency: grouped(row, 'currency'),
          ...figuresOf(row),
        });
        break;
      case 'control':
        control = { ledgerRows: row.ledger_rows, amountMinorSum: row.amount_minor_sum };
        break;
    }
  }
  return {
    scope: heading.scope,
    id: heading.id,
    charityId: heading.charityId,
    period: heading.period,
    generatedAt: heading.generatedAt.toISOString(),
    currencies: [...currencies.values()],
    campaigns,
    control,
  };
}
