import type { ReportFiguresView } from '@donations/contracts';
import { beijingTime, majorText, ReportDocument, subjectOf } from './report-document';

/**
 * How a column's text is read back: `text` as is, `integer` (counts, minor units) and `decimal`
 * (major units) as numbers in a workbook. Every value is text here, formatted without floating
 * point, so the CSV, the workbook and the printed page show the same figures to the fen.
 */
export type ColumnKind = 'text' | 'integer' | 'decimal';

export interface ReportColumn {
  readonly label: string;
  readonly kind: ColumnKind;
}

export interface ReportSection {
  readonly key: 'report' | 'currencies' | 'platforms' | 'months' | 'campaigns' | 'control';
  /** Chinese first, then English (a sheet name too: at most 31 characters). */
  readonly title: string;
  readonly columns: readonly ReportColumn[];
  readonly rows: readonly (readonly string[])[];
}

const text = (label: string): ReportColumn => ({ label, kind: 'text' });
const integer = (label: string): ReportColumn => ({ label, kind: 'integer' });
const decimal = (label: string): ReportColumn => ({ label, kind: 'decimal' });

/** Each amount twice: in major units (元, the currency's digits) and in minor units (分). */
const FIGURE_COLUMNS: readonly ReportColumn[] = [
  decimal('募集(元) Raised'),
  integer('募集(分) Raised (minor units)'),
  decimal('退款(元) Refunded'),
  integer('退款(分) Refunded (minor units)'),
  decimal('净额(元) Net'),
  integer('净额(分) Net (minor units)'),
  integer('捐赠笔数 Donations'),
  integer('退款笔数 Refunds'),
];

function figures(row: ReportFiguresView, currency: string): string[] {
  return [
    majorText(row.raisedMinor, currency),
    row.raisedMinor,
    majorText(row.refundedMinor, currency),
    row.refundedMinor,
    majorText(row.netMinor, currency),
    row.netMinor,
    row.donationCount,
    row.refundCount,
  ];
}

export const NOT_AVAILABLE = '不可用 not available';

/** What the report is about, when it was made and from what; a key-value list. */
function reportSection(document: ReportDocument): ReportSection {
  const subject = subjectOf(document);
  const { period } = document;
  const scope = document.scope === 'campaign' ? '项目 campaign' : '慈善组织 charity';
  return {
    key: 'report',
    title: '报告 Report',
    columns: [text('项目 Field'), text('值 Value')],
    rows: [
      ['范围 Scope', scope],
      ['编号 Id', subject.id],
      ['名称 Name', subject.name ?? ''],
      ['慈善组织 Charity (USCC)', document.charityId],
      ['慈善组织名称 Charity name', document.names.charity ?? ''],
      ['期间 Period', period.label === 'all' ? '全部 all' : period.label],
      ['起 From (北京时间 Beijing)', period.from ?? ''],
      ['止 To (北京时间 Beijing)', period.to ?? ''],
      ['生成时间 Generated (北京时间 Beijing)', beijingTime(document.generatedAt)],
      [
        '独立捐赠人(估算, 全程) Unique donors (estimate, whole scope)',
        document.uniqueDonors === null ? NOT_AVAILABLE : String(document.uniqueDonors),
      ],
    ],
  };
}

/**
 * The report as tables, in the order every format shows them: what it is, the figures per
 * currency, per platform, per month (Beijing time), per campaign, and the control line.
 */
export function reportSections(document: ReportDocument): ReportSection[] {
  const { currencies } = document;
  const currency = text('币种 Currency');
  return [
    reportSection(document),
    {
      key: 'currencies',
      title: '汇总 Summary',
      columns: [currency, ...FIGURE_COLUMNS],
      rows: currencies.map((c) => [c.currency, ...figures(c, c.currency)]),
    },
    {
      key: 'platforms',
      title: '平台 Platforms',
      columns: [currency, text('平台 Platform'), ...FIGURE_COLUMNS],
      rows: currencies.flatMap((c) =>
        c.byPlatform.map((p) => [c.currency, p.platform, ...figures(p, c.currency)]),
      ),
    },
    {
      key: 'months',
      title: '月份 Months',
      columns: [currency, text('月份 Month (北京时间 Beijing)'), ...FIGURE_COLUMNS],
      rows: currencies.flatMap((c) =>
        c.byMonth.map((m) => [c.currency, m.month, ...figures(m, c.currency)]),
      ),
    },
    {
      key: 'campaigns',
      title: '项目 Campaigns',
      columns: [text('项目编号 Campaign'), text('项目名称 Title'), currency, ...FIGURE_COLUMNS],
      rows: document.campaigns.map((c) => [
        c.campaignId,
        document.names.campaigns[c.campaignId] ?? '',
        c.currency,
        ...figures(c, c.currency),
      ]),
    },
    {
      key: 'control',
      title: '核对 Control',
      // The sum adds every covered row's amount in minor units as the ledger stores it, across
      // currencies: a checksum to reproduce with one query on the ledger, not a sum of money.
      columns: [
        integer('账本行数 Ledger rows'),
        integer('金额合计(最小单位) Amount sum (minor units)'),
      ],
      rows: [[document.control.ledgerRows, document.control.amountMinorSum]],
    },
  ];
}
