// The live page: one EventSource on /events, whose every event carries the whole snapshot
// (see DashboardSnapshot in services/dashboard/src/state/dashboard.state.ts), rendered as is.
// Chart.js comes from /vendor/chart.umd.min.js (the global `Chart`).

import { $, el, PLATFORM_NAMES } from '/page-kit.js';

const PALETTE = ['#f5c542', '#4aa3ff', '#5ad17a', '#ff7b6b', '#b68cff', '#3fd0c9', '#ff9f43'];

const symbols = new Map([['CNY', '¥']]);

function symbolOf(currency) {
  if (!symbols.has(currency)) {
    const parts = new Intl.NumberFormat('zh-CN', {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    }).formatToParts(0);
    symbols.set(currency, parts.find((part) => part.type === 'currency')?.value ?? currency);
  }
  return symbols.get(currency);
}

/** Exact money from integer minor units: ¥1,234.56 for 123456 fen. */
function money(minor, currency, exponent) {
  const scale = 10 ** exponent;
  const abs = Math.abs(minor);
  const fraction = abs % scale;
  const whole = (abs - fraction) / scale;
  const digits =
    whole.toLocaleString('en-US') +
    (exponent > 0 ? '.' + String(fraction).padStart(exponent, '0') : '');
  return (minor < 0 ? '-' : '') + symbolOf(currency) + digits;
}

const count = (n) => n.toLocaleString('en-US');
const percent = (share) => (share * 100).toFixed(1) + '%';
const platformName = (id) => PLATFORM_NAMES[id] ?? id;

function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function currencyCard(t) {
  const figure = (name, text) => el('span', { 'data-testid': `${name}-${t.currency}` }, text);
  const total = el(
    'div',
    { class: 'big', id: `grand-total-${t.currency}`, 'data-testid': `grand-total-${t.currency}` },
    money(t.netMinor, t.currency, t.exponent),
  );
  total.dataset.minor = String(t.netMinor);
  return el(
    'div',
    { class: 'card', 'data-currency': t.currency },
    el('h2', {}, `${t.currency} raised, net of refunds`),
    total,
    el(
      'div',
      { class: 'muted' },
      'raised ',
      figure('raised', money(t.raisedMinor, t.currency, t.exponent)),
      ' · refunded ',
      figure('refunded', money(t.refundedMinor, t.currency, t.exponent)),
    ),
    el(
      'div',
      { class: 'muted' },
      figure('donation-count', count(t.donationCount)),
      ' donations · ',
      figure('refund-count', count(t.refundCount)),
      ' refunds',
    ),
  );
}

const NO_CNY = {
  currency: 'CNY',
  exponent: 2,
  raisedMinor: 0,
  refundedMinor: 0,
  netMinor: 0,
  donationCount: 0,
  refundCount: 0,
};

function renderTotals(snapshot) {
  const totals = snapshot.totals.some((t) => t.currency === 'CNY')
    ? snapshot.totals
    : [NO_CNY, ...snapshot.totals];
  $('currency-cards').replaceChildren(...totals.map(currencyCard));
  setText($('donation-count'), count(snapshot.donationCount));
  $('donation-count').dataset.count = String(snapshot.donationCount);
  setText($('campaign-count'), count(snapshot.campaignCount));
  setText($('charity-count'), count(snapshot.charityCount));
  const donors = snapshot.overview?.uniqueDonors;
  setText($('unique-donors'), donors === undefined ? '—' : '≈' + count(donors));
}

function rankingTable(list, extraColumn, names = {}) {
  const head = el('tr', {}, el('th', {}, '#'), el('th', {}, 'name'), el('th', {}, 'net'));
  head.append(el('th', {}, 'donations'));
  if (extraColumn) head.append(el('th', {}, extraColumn.title));
  const rows = list.entries.map((entry, index) => {
    const row = el(
      'tr',
      { 'data-testid': 'ranking-row' },
      el('td', {}, String(index + 1)),
      // The registry's name, the id on hover; an id the registry does not name is shown as is.
      el('td', { title: entry.id, 'data-id': entry.id }, names[entry.id] ?? entry.id),
      el('td', {}, money(entry.netMinor, list.currency, list.exponent)),
      el('td', {}, count(entry.donationCount)),
    );
    if (extraColumn) row.append(el('td', {}, count(extraColumn.value(entry))));
    return row;
  });
  return el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows));
}

function renderRanking(containerId, lists, extraColumn, names) {
  const blocks = lists.map((list) =>
    el(
      'div',
      { 'data-testid': `${containerId}-${list.currency}` },
      lists.length > 1 ? el('h2', {}, list.currency) : '',
      rankingTable(list, extraColumn, names),
    ),
  );
  $(containerId).replaceChildren(
    ...(blocks.length > 0 ? blocks : [el('p', { class: 'muted' }, '—')]),
  );
}

function renderSmallAmounts(overview) {
  const cny = overview?.amounts.find((a) => a.currency === 'CNY');
  const shares = [
    ['1', cny?.shareAtOrUnder100],
    ['10', cny?.shareAtOrUnder1000],
    ['100', cny?.shareAtOrUnder10000],
  ];
  for (const [yuan, share] of shares) {
    setText($(`share-under-${yuan}`), share === undefined ? '—' : percent(share));
    $(`bar-under-${yuan}`).style.width = share === undefined ? '0' : percent(share);
  }
  const median = cny?.medianMinorEstimate;
  setText(
    $('median-amount'),
    median === undefined || median === null ? '—' : money(median, 'CNY', 2),
  );
}

function renderPipeline(snapshot) {
  const { pipeline, feed } = snapshot;
  setText($('dlq-count'), pipeline.dlqMessages === null ? '—' : count(pipeline.dlqMessages));
  $('lag-list').replaceChildren(
    ...pipeline.lag.flatMap(({ group, lag }) => [
      el('dt', {}, group),
      el(
        'dd',
        lag === null
          ? { 'data-testid': `lag-${group}`, title: 'this group commits no offsets to Kafka' }
          : { 'data-testid': `lag-${group}` },
        lag === null ? 'n/a' : count(lag),
      ),
    ]),
  );
  setText($('feed-applied'), count(feed.applied));
  setText($('feed-stale'), count(feed.stale));
  setText($('feed-invalid'), count(feed.invalid));
}

// Charts: created once, their data replaced on every event, no animation.

Chart.defaults.animation = false;
Chart.defaults.color = '#8c98b3';
Chart.defaults.borderColor = '#2a3550';
Chart.defaults.maintainAspectRatio = false;

const minuteChart = new Chart($('minute-chart'), {
  data: {
    labels: [],
    datasets: [
      { type: 'bar', label: 'donations', data: [], backgroundColor: '#4aa3ff', yAxisID: 'count' },
      {
        type: 'line',
        label: '¥ raised',
        data: [],
        borderColor: '#f5c542',
        backgroundColor: '#f5c542',
        pointRadius: 0,
        yAxisID: 'yuan',
      },
    ],
  },
  options: {
    scales: {
      count: { position: 'left', beginAtZero: true },
      yuan: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false } },
    },
  },
});

const platformChart = new Chart($('platform-chart'), {
  type: 'doughnut',
  data: { labels: [], datasets: [{ data: [], backgroundColor: PALETTE, borderWidth: 0 }] },
  options: { plugins: { legend: { position: 'right' } } },
});

const ageChart = new Chart($('age-chart'), {
  type: 'bar',
  data: { labels: [], datasets: [{ label: 'donations', data: [], backgroundColor: '#b68cff' }] },
  options: { plugins: { legend: { display: false } } },
});

// Times are Beijing time, as the platforms and 慈善中国 show them, whatever the viewer's zone
// (a 09:58 burst is 09:58 on every screen, not 01:58 on one set to UTC).
const BEIJING = { timeZone: 'Asia/Shanghai', hourCycle: 'h23' };

const minuteLabel = (iso) =>
  new Date(iso).toLocaleTimeString('zh-CN', { ...BEIJING, hour: '2-digit', minute: '2-digit' });

function renderCharts(snapshot) {
  const series = snapshot.series;
  minuteChart.data.labels = series.map((point) => minuteLabel(point.minute));
  minuteChart.data.datasets[0].data = series.map((point) =>
    Object.values(point.perCurrency).reduce((sum, c) => sum + c.donationCount, 0),
  );
  minuteChart.data.datasets[1].data = series.map(
    (point) => (point.perCurrency.CNY?.raisedMinor ?? 0) / 100,
  );
  minuteChart.update('none');

  const platforms = snapshot.overview?.platforms ?? [];
  platformChart.data.labels = platforms.map((p) => platformName(p.platform));
  platformChart.data.datasets[0].data = platforms.map((p) => p.donationCount);
  platformChart.update('none');
  $('platform-shares').replaceChildren(
    ...platforms.flatMap((p) => [
      el('dt', {}, platformName(p.platform)),
      el('dd', { 'data-testid': `platform-share-${p.platform}` }, percent(p.share)),
    ]),
  );

  const bands = snapshot.overview?.ageBands ?? [];
  ageChart.data.labels = bands.map((b) => b.band);
  ageChart.data.datasets[0].data = bands.map((b) => b.count);
  ageChart.update('none');
}

function render(snapshot) {
  renderTotals(snapshot);
  renderCharts(snapshot);
  const names = snapshot.names ?? { campaigns: {}, charities: {} };
  renderRanking('top-campaigns', snapshot.topCampaigns, undefined, names.campaigns);
  renderRanking(
    'top-charities',
    snapshot.topCharities,
    { title: 'campaigns', value: (entry) => entry.campaignCount },
    names.charities,
  );
  renderSmallAmounts(snapshot.overview);
  renderPipeline(snapshot);
  setText($('updated-at'), new Date(snapshot.generatedAt).toLocaleTimeString('zh-CN', BEIJING));
  const status = $('status');
  status.dataset.state = snapshot.feed.caughtUp ? 'live' : 'catching-up';
  setText(status, snapshot.feed.caughtUp ? 'live' : 'catching up…');
}

const onSnapshot = (event) => render(JSON.parse(event.data));
// EventSource reconnects by itself after a dropped stream, but not after a refusal (a 503 when
// the gateway serves as many pages as it may): then the page tries again after a while.
const RETRY_REFUSED_MS = 10_000;

function follow() {
  const events = new EventSource('/events');
  events.addEventListener('snapshot', onSnapshot);
  events.addEventListener('update', onSnapshot);
  events.addEventListener('error', () => {
    const status = $('status');
    status.dataset.state = 'offline';
    setText(status, 'reconnecting…');
    if (events.readyState === EventSource.CLOSED) setTimeout(follow, RETRY_REFUSED_MS);
  });
}

follow();
