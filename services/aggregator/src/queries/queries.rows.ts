import type { TotalsRow } from '../outbox/totals-row.state';
import type {
  CountersView,
  LedgerEventView,
  RankedCampaignView,
  TotalsByCurrencyView,
} from './queries.views';

export type { TotalsRow };

export interface RankedRow {
  readonly rank: string;
  readonly campaign_id: string;
  readonly currency: string;
  readonly raised_minor: string;
  readonly refunded_minor: string;
  readonly donation_count: string;
  readonly refund_count: string;
  readonly net_minor: string;
}

export interface LedgerRow {
  readonly event_id: string;
  readonly type: string;
  readonly refund_id: string | null;
  readonly campaign_id: string;
  readonly charity_id: string;
  readonly currency: string;
  readonly amount_minor: string;
  readonly counted: boolean;
  readonly rejection: string | null;
  readonly occurred_at: Date;
  readonly recorded_at: Date;
}

const iso = (time: Date | null): string | null => (time === null ? null : time.toISOString());

const countersOf = (json: Record<string, string>): CountersView => ({
  raisedMinor: json.raisedMinor ?? '0',
  refundedMinor: json.refundedMinor ?? '0',
  donationCount: json.donationCount ?? '0',
  refundCount: json.refundCount ?? '0',
});

/** The totals per currency of one key's rows. */
export function totalsOf(rows: readonly TotalsRow[]): TotalsByCurrencyView {
  return Object.fromEntries(
    rows.map((row) => [
      row.currency,
      {
        raisedMinor: row.raised_minor,
        refundedMinor: row.refunded_minor,
        donationCount: row.donation_count,
        refundCount: row.refund_count,
        netMinor: (BigInt(row.raised_minor) - BigInt(row.refunded_minor)).toString(),
        byPlatform: Object.fromEntries(
          Object.entries(row.by_platform).map(([platform, json]) => [platform, countersOf(json)]),
        ),
        firstEventAt: iso(row.first_event_at),
        lastEventAt: iso(row.last_event_at),
      },
    ]),
  );
}

/** The earliest first_event_at and the latest last_event_at over every currency. */
export function eventTimesOf(rows: readonly TotalsRow[]): {
  firstEventAt: string | null;
  lastEventAt: string | null;
} {
  const first = rows.flatMap((row) => (row.first_event_at ? [row.first_event_at.getTime()] : []));
  const last = rows.flatMap((row) => (row.last_event_at ? [row.last_event_at.getTime()] : []));
  return {
    firstEventAt: first.length === 0 ? null : new Date(Math.min(...first)).toISOString(),
    lastEventAt: last.length === 0 ? null : new Date(Math.max(...last)).toISOString(),
  };
}

export function rankedOf(rows: readonly RankedRow[]): Record<string, RankedCampaignView[]> {
  const byCurrency: Record<string, RankedCampaignView[]> = {};
  for (const row of rows) {
    (byCurrency[row.currency] ??= []).push({
      rank: Number(row.rank),
      campaignId: row.campaign_id,
      netMinor: row.net_minor,
      raisedMinor: row.raised_minor,
      refundedMinor: row.refunded_minor,
      donationCount: row.donation_count,
      refundCount: row.refund_count,
    });
  }
  return byCurrency;
}

export const ledgerEventOf = (row: LedgerRow): LedgerEventView => ({
  eventId: row.event_id,
  type: row.type,
  refundId: row.refund_id,
  amountMinor: row.amount_minor,
  currency: row.currency,
  status: row.counted ? 'counted' : 'rejected',
  rejection: row.rejection,
  occurredAt: row.occurred_at.toISOString(),
  recordedAt: row.recorded_at.toISOString(),
});
