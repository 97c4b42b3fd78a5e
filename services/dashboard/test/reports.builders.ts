import {
  LedgerReportView,
  LedgerReportViewSchema,
  makeUscc,
  ReportFiguresView,
} from '@donations/contracts';
import type { ReportDocument } from '../src/reports/report-document';

export const CHARITY_ID = makeUscc('53100000500021676');

/** Figures of one slice from raised and refunded minor units and counts (net = the difference). */
export function someFigures(
  raised: bigint,
  refunded: bigint,
  donations: number,
  refunds: number,
): ReportFiguresView {
  return {
    raisedMinor: String(raised),
    refundedMinor: String(refunded),
    netMinor: String(raised - refunded),
    donationCount: String(donations),
    refundCount: String(refunds),
  };
}

/**
 * A contract-valid charity report: CNY over two platforms and two months (one amount beyond
 * 2^53 fen, one net below zero), USD on one platform, two campaigns, and its control line.
 */
export function aLedgerReport(overrides: Partial<LedgerReportView> = {}): LedgerReportView {
  const report: LedgerReportView = {
    scope: 'charity',
    id: CHARITY_ID,
    charityId: CHARITY_ID,
    period: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
    generatedAt: '2026-09-30T16:30:05.000Z',
    currencies: [
      {
        currency: 'CNY',
        ...someFigures(9007199254741093n, 1005n, 4, 1),
        byPlatform: [
          { platform: 'alipay', ...someFigures(9007199254740993n, 1005n, 3, 1) },
          { platform: 'tencent', ...someFigures(100n, 0n, 1, 0) },
        ],
        byMonth: [
          { month: '2026-07', ...someFigures(9007199254740993n, 0n, 3, 0) },
          { month: '2026-08', ...someFigures(100n, 1005n, 1, 1) },
        ],
      },
      {
        currency: 'USD',
        ...someFigures(2550n, 0n, 1, 0),
        byPlatform: [{ platform: 'stripe', ...someFigures(2550n, 0n, 1, 0) }],
        byMonth: [{ month: '2026-09', ...someFigures(2550n, 0n, 1, 0) }],
      },
    ],
    campaigns: [
      { campaignId: 'C-2026-001', currency: 'CNY', ...someFigures(9007199254741093n, 1005n, 4, 1) },
      { campaignId: 'C-2026-002', currency: 'USD', ...someFigures(2550n, 0n, 1, 0) },
    ],
    control: { ledgerRows: '6', amountMinorSum: '9007199254744648' },
    ...overrides,
  };
  return LedgerReportViewSchema.parse(report);
}

/** Names with every character an export must quote or escape. */
export const AWKWARD_NAMES = {
  charity: '希望<工程> "基金会", & Co.\n第二行',
  campaigns: { 'C-2026-001': '=HYPERLINK("x") 春蕾计划, <script>alert(1)</script>' },
};

export function aReportDocument(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return { ...aLedgerReport(), uniqueDonors: 3, names: AWKWARD_NAMES, ...overrides };
}

/** The sections every export shows, in order: the CSV's section lines, the workbook's sheets. */
export const SECTION_TITLES = [
  '报告 Report',
  '汇总 Summary',
  '平台 Platforms',
  '月份 Months',
  '项目 Campaigns',
  '核对 Control',
];
