import type { DonationEventV1, LedgerReportView, ReportFiguresView } from '@donations/contracts';
import { ExpectedRow, groundTruth } from './totals.ground-truth';

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The event's month on a Beijing calendar (UTC+8 all year), as `YYYY-MM`. */
export const beijingMonth = (event: DonationEventV1): string =>
  new Date(Date.parse(event.occurredAt) + BEIJING_OFFSET_MS).toISOString().slice(0, 7);

/** The event's quarter on a Beijing calendar, as `2026-Q3`. */
export function beijingQuarter(event: DonationEventV1): string {
  const [year, month] = beijingMonth(event).split('-');
  return `${year}-Q${Math.floor((Number(month) - 1) / 3) + 1}`;
}

function figures(
  raised: string,
  refunded: string,
  donations: string,
  refunds: string,
): ReportFiguresView {
  const net = (BigInt(raised) - BigInt(refunded)).toString();
  return {
    raisedMinor: raised,
    refundedMinor: refunded,
    netMinor: net,
    donationCount: donations,
    refundCount: refunds,
  };
}

const rowFigures = (row: ExpectedRow): ReportFiguresView =>
  figures(row.raised_minor, row.refunded_minor, row.donation_count, row.refund_count);

const platformFigures = (sums: Record<string, string>): ReportFiguresView =>
  figures(sums.raisedMinor, sums.refundedMinor, sums.donationCount, sums.refundCount);

/** Ground-truth rows (`key|currency`) as [key, currency, row], by key then currency. */
function sortedRows(rows: Map<string, ExpectedRow>): [string, string, ExpectedRow][] {
  const split = [...rows].map(([key, row]): [string, string, ExpectedRow] => {
    const [id, currency] = key.split('|');
    return [id, currency, row];
  });
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return split.sort((a, b) => order(a[0], b[0]) || order(a[1], b[1]));
}

/**
 * What a report of these counted events must hold, computed from the events alone (the totals'
 * ground truth grouped by currency, by Beijing month, by campaign): the currencies with their
 * platforms and months, the campaigns' lines, and the control line.
 */
export function expectedReport(
  counted: readonly DonationEventV1[],
): Pick<LedgerReportView, 'currencies' | 'campaigns' | 'control'> {
  const distinct = [...new Map(counted.map((event) => [event.eventId, event])).values()];
  const months = sortedRows(groundTruth(distinct, beijingMonth));
  const currencies = sortedRows(groundTruth(distinct, () => 'all')).map(([, currency, row]) => ({
    currency,
    ...rowFigures(row),
    byPlatform: Object.keys(row.by_platform)
      .sort()
      .map((platform) => ({ platform, ...platformFigures(row.by_platform[platform]) })),
    byMonth: months
      .filter(([, monthCurrency]) => monthCurrency === currency)
      .map(([month, , monthRow]) => ({ month, ...rowFigures(monthRow) })),
  }));
  const campaigns = sortedRows(groundTruth(distinct, (event) => event.campaignId)).map(
    ([campaignId, currency, row]) => ({ campaignId, currency, ...rowFigures(row) }),
  );
  const control = {
    ledgerRows: String(distinct.length),
    amountMinorSum: distinct.reduce((sum, event) => sum + BigInt(event.amountMinor), 0n).toString(),
  };
  return { currencies, campaigns, control };
}
