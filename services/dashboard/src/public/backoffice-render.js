// The back office's rendering of a charity (BackofficeCharityView, see
// libs/contracts/src/http/backoffice.views.ts): totals, disclosure calendar, campaigns and report
// links, with data-testid attributes for the browser test. Every time shown is Beijing time.

import { el, PLATFORM_NAMES } from '/page-kit.js';

const KIND_NAMES = { progress: '进展公开 · progress', final: '结项公开 · final' };
const STATUS_NAMES = {
  upcoming: '未到期 · upcoming',
  due: '待公开 · due',
  overdue: '已逾期 · overdue',
  done: '已公开 · done',
};
const FORMATS = [
  ['csv', 'CSV'],
  ['xlsx', 'XLSX'],
  ['html', '打印 · print'],
];

const BEIJING = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'short',
  timeStyle: 'medium',
  hourCycle: 'h23',
});

/** Exact money from minor units as decimal text (sums may exceed a JS number's precision). */
function money(minorText, currency) {
  const exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  const negative = minorText.startsWith('-');
  const digits = (negative ? minorText.slice(1) : minorText).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent > 0 ? '.' + digits.slice(-exponent) : '';
  return `${negative ? '-' : ''}${currency} ${whole}${fraction}`;
}

function periodName(period) {
  if (period === 'all') return '全部 · all';
  return `${period.slice(0, 4)}年第${period.slice(-1)}季度 · ${period}`;
}

function reportLinks(scope, id, periods) {
  return el(
    'div',
    { class: 'links' },
    ...periods.map((period) =>
      el(
        'div',
        {},
        el('span', { class: 'muted' }, `${periodName(period)}: `),
        ...FORMATS.map(([format, label]) =>
          el(
            'a',
            {
              href: `/backoffice/reports/${scope}/${encodeURIComponent(id)}.${format}?${new URLSearchParams({ period })}`,
              'data-testid': 'report-link',
              'data-scope': scope,
              'data-id': id,
              'data-period': period,
              'data-format': format,
              ...(format === 'html' ? { target: '_blank' } : { download: '' }),
            },
            label,
          ),
        ),
      ),
    ),
  );
}

function totalsTable(totals, testIdPrefix) {
  const head = el(
    'tr',
    {},
    ...[
      '币种 · currency',
      '净额 · net',
      '募得 · raised',
      '退款 · refunded',
      '捐赠 · donations',
      '退款笔数 · refunds',
    ].map((title) => el('th', {}, title)),
  );
  const rows = Object.entries(totals).map(([currency, t]) =>
    el(
      'tr',
      {
        'data-testid': `${testIdPrefix}-total`,
        'data-currency': currency,
        'data-net-minor': t.netMinor,
        'data-raised-minor': t.raisedMinor,
        'data-refunded-minor': t.refundedMinor,
        'data-donation-count': t.donationCount,
      },
      el('td', {}, currency),
      el('td', { class: 'num' }, money(t.netMinor, currency)),
      el('td', { class: 'num' }, money(t.raisedMinor, currency)),
      el('td', { class: 'num' }, money(t.refundedMinor, currency)),
      el('td', { class: 'num' }, t.donationCount),
      el('td', { class: 'num' }, t.refundCount),
    ),
  );
  if (rows.length === 0) return el('p', { class: 'muted' }, '尚无计入的捐赠 · nothing counted yet');
  return el('table', {}, head, ...rows);
}

const campaignName = (campaign) => campaign.title ?? campaign.campaignId;

function campaignPanel(campaign) {
  const dates =
    campaign.startsOn === null ? '' : `${campaign.startsOn} – ${campaign.endsOn ?? '…'} · `;
  const notes = [];
  if (!campaign.registered) notes.push('未在登记册中 · not in the registry');
  if (campaign.conflicts.length > 0) {
    notes.push(`各平台登记不一致 · platform rows disagree: ${campaign.conflicts.join(', ')}`);
  }
  if (campaign.startsOn === null)
    notes.push('未登记起止日期，无法排出公开日程 · no dates registered');
  return el(
    'article',
    { class: 'panel', 'data-testid': 'campaign', 'data-campaign': campaign.campaignId },
    el('h2', {}, `${campaignName(campaign)} · ${campaign.campaignId}`),
    el(
      'div',
      { class: 'muted' },
      `备案编号 · filing no. ${campaign.filingNumber ?? '—'} · ${dates}`,
      campaign.platforms
        .map((p) => `${PLATFORM_NAMES[p.platform] ?? p.platform} ${p.platformProjectId}`)
        .join(' / '),
    ),
    ...notes.map((note) => el('div', { class: 'error' }, note)),
    totalsTable(campaign.totals, 'campaign'),
    el(
      'details',
      {},
      el('summary', {}, '下载报告 · reports'),
      reportLinks('campaign', campaign.campaignId, campaign.reportPeriods),
    ),
  );
}

function calendarTable(view) {
  const rows = view.campaigns.flatMap((campaign) =>
    (campaign.disclosures ?? []).map((due) =>
      el(
        'tr',
        {
          'data-testid': 'disclosure-row',
          'data-status': due.status,
          'data-campaign': due.campaignId,
          'data-kind': due.kind,
          'data-period-start': due.periodStart,
        },
        el('td', {}, campaignName(campaign)),
        el('td', {}, KIND_NAMES[due.kind] ?? due.kind),
        el('td', {}, `${due.periodStart} – ${due.periodEnd}`),
        el('td', {}, due.dueOn),
        el('td', { class: 'status' }, STATUS_NAMES[due.status] ?? due.status),
        el(
          'td',
          {},
          due.madeOn ?? '',
          due.link ? ' ' : '',
          due.link
            ? el('a', { href: due.link, target: '_blank', rel: 'noopener' }, '慈善中国')
            : '',
        ),
      ),
    ),
  );
  if (rows.length === 0) return el('p', { class: 'muted' }, '无需公开的事项 · nothing to disclose');
  const head = el(
    'tr',
    {},
    ...[
      '项目 · campaign',
      '类型 · kind',
      '期间 · period',
      '截止 · due on',
      '状态 · status',
      '公开于 · made on',
    ].map((title) => el('th', {}, title)),
  );
  return el('table', {}, head, ...rows);
}

/** A charity's summary, disclosure calendar and campaigns, as the page shows them. */
export function charityNodes(view) {
  const { charity } = view;
  const overdue = el(
    'span',
    {
      'data-testid': 'overdue-count',
      'data-count': view.overdueCount,
      class: view.overdueCount > 0 ? 'error' : 'muted',
    },
    `逾期未公开 ${view.overdueCount} 项 · ${view.overdueCount} overdue`,
  );
  const totalsNote =
    view.totalsStatus === 'ok'
      ? []
      : [
          el(
            'p',
            { class: 'error' },
            `暂时无法读取累计金额 · running totals unavailable (${view.totalsStatus})`,
          ),
        ];
  return [
    el(
      'section',
      { class: 'panel', 'data-testid': 'charity-summary', 'data-uscc': charity.uscc },
      el('h1', {}, charity.name ?? charity.uscc),
      el(
        'div',
        { class: 'muted' },
        `统一社会信用代码 · USCC ${charity.uscc}${charity.region ? ' · ' + charity.region : ''} · `,
        `今天 · today ${view.today} · 生成于 · generated ${BEIJING.format(new Date(view.generatedAt))} (北京时间)`,
      ),
      el('div', { class: 'big' }, overdue),
      ...totalsNote,
      totalsTable(view.totals, 'charity'),
      el('h2', { style: 'margin-top: 12px' }, '机构报告 · charity reports'),
      reportLinks('charity', charity.uscc, view.reportPeriods),
    ),
    el(
      'section',
      { class: 'panel' },
      el('h2', {}, '慈善中国信息公开日程 · disclosure calendar'),
      calendarTable(view),
    ),
    el('h2', {}, `项目 · campaigns (${view.campaigns.length})`),
    ...view.campaigns.map(campaignPanel),
  ];
}
