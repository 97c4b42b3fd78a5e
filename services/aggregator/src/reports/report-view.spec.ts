import { LedgerReportViewSchema } from '@donations/contracts';
import { ledgerReportOf, ReportHeading } from './report-view';
import type { ReportRow, ReportSlice } from './report.sql';

const heading: ReportHeading = {
  scope: 'charity',
  id: '53100000500021676',
  charityId: '53100000500021676',
  period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
  generatedAt: new Date('2026-10-02T01:00:00Z'),
};

function aRow(slice: ReportSlice, overrides: Partial<ReportRow> = {}): ReportRow {
  return {
    slice,
    currency: null,
    platform: null,
    month: null,
    campaign_id: null,
    raised_minor: '900719925474099300',
    refunded_minor: '300',
    net_minor: '900719925474099000',
    donation_count: '2',
    refund_count: '1',
    ledger_rows: '3',
    amount_minor_sum: '900719925474099600',
    ...overrides,
  };
}

describe('a ledger report from the rows of its query', () => {
  it('nests platforms and months under their currency and keeps every figure as PostgreSQL gave it', () => {
    const report = ledgerReportOf(heading, [
      aRow('campaign', { campaign_id: 'a', currency: 'CNY', raised_minor: '5' }),
      aRow('campaign', { campaign_id: 'a', currency: 'USD', raised_minor: '6' }),
      aRow('control'),
      aRow('currency', { currency: 'CNY' }),
      aRow('currency', { currency: 'USD', raised_minor: '7' }),
      aRow('month', { currency: 'CNY', month: '2026-07' }),
      aRow('month', { currency: 'CNY', month: '2026-08', refund_count: '0' }),
      aRow('platform', { currency: 'CNY', platform: 'alipay' }),
      aRow('platform', { currency: 'USD', platform: 'tencent', net_minor: '-4' }),
    ]);

    expect(LedgerReportViewSchema.parse(report)).toEqual(report);
    expect(report.currencies.map((c) => [c.currency, c.raisedMinor])).toEqual([
      ['CNY', '900719925474099300'],
      ['USD', '7'],
    ]);
    expect(report.currencies[0].byMonth.map((m) => [m.month, m.refundCount])).toEqual([
      ['2026-07', '1'],
      ['2026-08', '0'],
    ]);
    expect(report.currencies[0].byPlatform.map((p) => p.platform)).toEqual(['alipay']);
    expect(report.currencies[1].byPlatform).toEqual([
      {
        platform: 'tencent',
        raisedMinor: '900719925474099300',
        refundedMinor: '300',
        netMinor: '-4',
        donationCount: '2',
        refundCount: '1',
      },
    ]);
    expect(report.campaigns.map((c) => [c.campaignId, c.currency, c.raisedMinor])).toEqual([
      ['a', 'CNY', '5'],
      ['a', 'USD', '6'],
    ]);
    expect(report.control).toEqual({ ledgerRows: '3', amountMinorSum: '900719925474099600' });
    expect(report.generatedAt).toBe('2026-10-02T01:00:00.000Z');
    expect(report.period).toEqual(heading.period);
  });

  it('answers a period without counted rows with no currency and a zero control line', () => {
    const report = ledgerReportOf(heading, [
      aRow('control', { ledger_rows: '0', amount_minor_sum: '0' }),
    ]);
    expect([report.currencies, report.campaigns, report.control]).toEqual([
      [],
      [],
      { ledgerRows: '0', amountMinorSum: '0' },
    ]);
  });

  it('refuses rows that do not fit their slice instead of answering a wrong report', () => {
    expect(() => ledgerReportOf(heading, [aRow('platform', { currency: 'CNY' })])).toThrow(
      /without its total|no platform/,
    );
    expect(() => ledgerReportOf(heading, [aRow('month', { month: '2026-07' })])).toThrow(
      /no currency/,
    );
  });
});
