// The charities' back office: pick a charity (GET /backoffice/api/charities?q=), then see its
// campaigns, running totals, disclosure calendar and report downloads
// (GET /backoffice/api/charities/:uscc). Both answers are documented by the zod contracts in
// libs/contracts/src/http/backoffice.views.ts. Every time shown is Beijing time.

import { $, el, PLATFORM_NAMES } from '/page-kit.js';

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

function showError(text) {
  $('error').hidden = text === undefined;
  $('error').textContent = text ?? '';
}

function showAccess(access) {
  const banner = $('access-banner');
  banner.hidden = access !== 'local-only';
  banner.dataset.access = access;
  banner.textContent =
    '本机访问：未设置访问令牌，只回应本机的请求 · local access only: no token is configured, ' +
    'so only clients on this machine are answered (set DASHBOARD_BACKOFFICE_TOKEN to open it).';
}

/** GET of a back-office answer; undefined when the page must first sign in or cannot look. */
async function api(path) {
  const response = await fetch(path, { credentials: 'same-origin' });
  const body = await response.json().catch(() => ({}));
  if (response.status === 401) {
    $('sign-in').hidden = false;
    $('picker').hidden = true;
    return undefined;
  }
  if (!response.ok) {
    showError(`${body.code ?? response.status}: ${body.message ?? ''}`);
    return undefined;
  }
  showError(undefined);
  $('sign-in').hidden = true;
  $('picker').hidden = false;
  showAccess(body.access);
  return body;
}

async function search(q) {
  const answer = await api(`/backoffice/api/charities?${new URLSearchParams({ q })}`);
  if (answer === undefined || answer.query !== $('charity-search').value.trim()) return;
  const options = answer.charities.map((charity) =>
    el(
      'li',
      {},
      el(
        'button',
        { type: 'button', 'data-testid': 'charity-option', 'data-uscc': charity.uscc },
        `${charity.name ?? charity.uscc} · ${charity.uscc}`,
        charity.region ? ` · ${charity.region}` : '',
      ),
    ),
  );
  if (answer.truncated) options.push(el('li', { class: 'muted' }, '… 请输入更多 · type more'));
  $('charity-options').replaceChildren(...options);
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

function renderCharity(view) {
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
  $('charity').replaceChildren(
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
  );
  $('charity').hidden = false;
}

async function pick(uscc) {
  const view = await api(`/backoffice/api/charities/${encodeURIComponent(uscc)}`);
  if (view === undefined) return;
  history.replaceState(null, '', `#${uscc}`);
  renderCharity(view);
}

async function signIn(event) {
  event.preventDefault();
  const token = new FormData(event.target).get('token');
  const response = await fetch('/backoffice/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token }),
  });
  if (!response.ok) {
    $('sign-in-error').textContent = '令牌不正确 · wrong token';
    return;
  }
  $('sign-in-error').textContent = '';
  await start();
}

let searchTimer;

async function start() {
  await search($('charity-search').value.trim());
  const uscc = decodeURIComponent(location.hash.slice(1));
  if (uscc !== '' && !$('picker').hidden) await pick(uscc);
}

$('charity-search').addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void search($('charity-search').value.trim()), 200);
});
$('charity-options').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-uscc]');
  if (button) void pick(button.dataset.uscc);
});
$('sign-in-form').addEventListener('submit', (event) => void signIn(event));
void start();
