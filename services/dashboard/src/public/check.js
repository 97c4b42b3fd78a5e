// The public "was my donation counted" page: one form, one GET /api/check?platform=&txn=, whose
// answer is a DonationCheckView (libs/contracts/src/http/donation-check.view.ts) or an error
// {code, message}. Chinese first; ?lang=en (or the switch) shows English. Every time is shown in
// Beijing time, as the platforms' receipts show it.

import { $, el } from '/page-kit.js';

const STRINGS = {
  zh: {
    title: '我的捐款计入了吗？',
    intro:
      '输入付款平台和付款记录上的交易单号，查看这笔捐款是否已计入公益项目的总额。只显示这一笔交易，不显示任何捐赠人信息。',
    platformLabel: '付款平台',
    txnLabel: '交易单号',
    submit: '查询',
    checking: '查询中…',
    switchTo: 'English',
    footer: '时间均为北京时间。数据来自各平台发给本站的付款和退款通知所记的捐赠账本。',
    help: {
      tencent:
        '微信 → 我 → 服务 → 钱包 → 账单，点开这笔捐款，账单详情里的「交易单号」（不是「商户单号」）。',
      alipay: '支付宝 → 我的 → 账单，点开这笔捐款，账单详情里的「订单号」（不是「商家订单号」）。',
      shuidi: '水滴公益 → 我的 → 我的捐款，点开这笔捐款，捐款详情里的「订单号」。',
      jd: '京东 → 我的 → 我的订单，点开这笔公益捐赠，订单详情里的「订单编号」。',
      stripe:
        '付款确认邮件或收据上的付款编号（以 pi_ 开头）；收据上只有收据号时，请向公益机构索取付款编号。',
    },
    status: {
      counted: '已计入',
      refunded: '已退款',
      not_seen: '尚未计入',
      unknown: '无法识别这个单号',
    },
    fields: {
      campaign: '公益项目',
      charity: '公益机构',
      amount: '捐款金额',
      refunded: '已退款金额',
      occurredAt: '付款时间',
      countedAt: '计入时间',
      txn: '交易单号',
    },
    counted: '这笔捐款已计入项目的总额。',
    refunded: '这笔捐款已计入项目，之后平台退回了部分或全部金额，退款已从总额中扣除。',
    notSeen:
      '我们还没有收到这笔交易。平台的通知通常几分钟内到达，请稍后再查。超过 24 小时仍未计入，请联系付款平台的客服，并提供这个交易单号。',
    notCounted:
      '我们收到了这笔交易，但它未能计入总额。请联系付款平台的客服或公益机构，并提供这个交易单号。',
    unknown:
      '这个单号不可能是所选平台的交易单号。请确认付款平台选对了，并复制账单详情里的交易单号（不是商户单号）。',
    errors: {
      'DASHBOARD.CHECK_RATE_LIMITED': '查询太频繁了，请稍后再试。',
      'DASHBOARD.CHECK_INVALID': '请选择付款平台并填写交易单号。',
      other: '现在无法查询，请稍后再试。',
    },
    beijing: '北京时间',
  },
  en: {
    title: 'Was my donation counted?',
    intro:
      'Enter the platform you paid with and the transaction number on your receipt to see whether the donation is counted in its campaign’s total. Only this one transaction is shown, nothing about any donor.',
    platformLabel: 'Platform',
    txnLabel: 'Transaction number',
    submit: 'Check',
    checking: 'Checking…',
    switchTo: '中文',
    footer:
      'All times are Beijing time. The figures come from our ledger of the payment and refund notifications the platforms send us.',
    help: {
      tencent:
        'WeChat → Me → Services → Wallet → Bills, open the donation: “交易单号” (Transaction ID) in its details, not “商户单号” (merchant number).',
      alipay:
        'Alipay → Me → Bills, open the donation: “订单号” (Order No.) in its details, not “商家订单号” (merchant order number).',
      shuidi: 'Shuidi → Me → My donations, open the donation: “订单号” (Order No.) in its details.',
      jd: 'JD → Me → My orders, open the charity donation: “订单编号” (Order No.) in its details.',
      stripe:
        'The payment id (starting with pi_) on your confirmation e-mail or receipt; if the receipt shows only a receipt number, ask the charity for the payment id.',
    },
    status: {
      counted: 'Counted',
      refunded: 'Refunded',
      not_seen: 'Not counted yet',
      unknown: 'Not a transaction number we know',
    },
    fields: {
      campaign: 'Campaign',
      charity: 'Charity',
      amount: 'Amount',
      refunded: 'Refunded',
      occurredAt: 'Paid at',
      countedAt: 'Counted at',
      txn: 'Transaction',
    },
    counted: 'This donation is counted in its campaign’s total.',
    refunded:
      'This donation was counted, then the platform refunded part or all of it; the refund is taken off the total.',
    notSeen:
      'We have not received this transaction yet. Platforms usually notify us within minutes: please check again later. If it is still not counted after 24 hours, contact the platform’s customer service with this transaction number.',
    notCounted:
      'We received this transaction, but it could not be counted in the total. Please contact the platform’s customer service or the charity with this transaction number.',
    unknown:
      'This cannot be a transaction number of the platform chosen. Check the platform, and copy the transaction number from the payment’s details (not the merchant’s number).',
    errors: {
      'DASHBOARD.CHECK_RATE_LIMITED': 'Too many checks: please try again in a minute.',
      'DASHBOARD.CHECK_INVALID': 'Choose the platform and enter the transaction number.',
      other: 'The check is not available now: please try again later.',
    },
    beijing: 'Beijing time',
  },
};

const PLATFORM_NAMES = {
  zh: {
    tencent: '腾讯公益 / 微信支付',
    alipay: '支付宝公益',
    shuidi: '水滴公益',
    jd: '京东公益',
    stripe: 'Stripe',
  },
  en: {
    tencent: 'Tencent / WeChat Pay',
    alipay: 'Alipay',
    shuidi: 'Shuidi',
    jd: 'JD',
    stripe: 'Stripe',
  },
};

let lang = new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';
/** The last answer shown, re-rendered when the language changes. */
let shown;

/** An instant as Beijing time, whatever the phone's time zone: 2026-09-09 09:58:00 北京时间. */
function beijingTime(iso) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type) => parts.find((p) => p.type === type).value;
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  return `${day} ${part('hour')}:${part('minute')}:${part('second')} ${STRINGS[lang].beijing}`;
}

/** Exact money from minor units as decimal text (no floating point): ¥88.88 for "8888". */
function money(minor, currency) {
  const format = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
    style: 'currency',
    currency,
  });
  const exponent = format.resolvedOptions().maximumFractionDigits;
  const digits = minor.replace('-', '').padStart(exponent + 1, '0');
  const whole = BigInt(digits.slice(0, digits.length - exponent));
  const fraction = exponent > 0 ? '.' + digits.slice(-exponent) : '';
  const symbol = format.formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
  return `${minor.startsWith('-') ? '-' : ''}${symbol}${whole.toLocaleString('en-US')}${fraction}`;
}

function adviceOf(view) {
  const t = STRINGS[lang];
  switch (view.status) {
    case 'counted':
      return t.counted;
    case 'refunded':
      return t.refunded;
    case 'not_seen':
      // The ledger knows the transaction (its campaign) but does not count it: ask, do not wait.
      return view.campaign === null ? t.notSeen : t.notCounted;
    default:
      return t.unknown;
  }
}

function renderAnswer(view) {
  const t = STRINGS[lang];
  const rows = [
    [t.fields.txn, `${PLATFORM_NAMES[lang][view.platform] ?? view.platform} · ${view.txn}`],
  ];
  if (view.campaign) rows.push([t.fields.campaign, view.campaign.title ?? view.campaign.id]);
  if (view.charity) rows.push([t.fields.charity, view.charity.name ?? view.charity.id]);
  if (view.amountMinor !== null)
    rows.push([t.fields.amount, money(view.amountMinor, view.currency)]);
  if (view.status === 'refunded')
    rows.push([t.fields.refunded, money(view.refundedMinor, view.currency)]);
  if (view.occurredAt) rows.push([t.fields.occurredAt, beijingTime(view.occurredAt)]);
  if (view.countedAt) rows.push([t.fields.countedAt, beijingTime(view.countedAt)]);
  const result = el(
    'section',
    {
      class: 'panel',
      'data-testid': 'check-result',
      'data-status': view.status,
      'data-platform': view.platform,
      'data-txn': view.txn,
      'data-campaign': view.campaign?.id ?? '',
      'data-amount-minor': view.amountMinor ?? '',
      'data-refunded-minor': view.refundedMinor ?? '',
    },
    el('h2', {}, t.status[view.status] ?? view.status),
    el('p', {}, adviceOf(view)),
    el(
      'dl',
      {},
      ...rows.flatMap(([name, value]) => [el('dt', { class: 'muted' }, name), el('dd', {}, value)]),
    ),
  );
  $('answer').replaceChildren(result);
}

function renderError(error) {
  const errors = STRINGS[lang].errors;
  $('answer').replaceChildren(
    el(
      'p',
      { class: 'panel', id: 'check-error', 'data-testid': 'check-error', 'data-code': error.code },
      errors[error.code] ?? errors.other,
    ),
  );
}

function render() {
  if (shown?.view) renderAnswer(shown.view);
  else if (shown?.error) renderError(shown.error);
}

function applyLanguage() {
  const t = STRINGS[lang];
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.title = lang === 'en' ? t.title : `${t.title} · Was my donation counted?`;
  for (const node of document.querySelectorAll('[data-text]'))
    node.textContent = t[node.dataset.text];
  for (const option of $('platform').options)
    option.textContent = PLATFORM_NAMES[lang][option.value];
  $('lang-switch').textContent = t.switchTo;
  $('txn-help').textContent = t.help[$('platform').value];
  render();
}

async function check(event) {
  event.preventDefault();
  const platform = $('platform').value;
  const txn = $('txn').value.trim();
  const button = document.querySelector('[data-testid="check-submit"]');
  // The answer on screen is always that of the last question: the old one goes at once.
  $('answer').replaceChildren();
  shown = undefined;
  if (txn === '') {
    shown = { error: { code: 'DASHBOARD.CHECK_INVALID' } };
    return render();
  }
  button.disabled = true;
  button.textContent = STRINGS[lang].checking;
  try {
    const response = await fetch(`/api/check?${new URLSearchParams({ platform, txn })}`);
    const body = await response.json().catch(() => ({}));
    shown = response.ok
      ? { view: body }
      : { error: { code: body.code ?? `HTTP.${response.status}` } };
  } catch {
    shown = { error: { code: 'NETWORK' } };
  } finally {
    button.disabled = false;
    button.textContent = STRINGS[lang].submit;
  }
  render();
}

$('lang-switch').addEventListener('click', () => {
  lang = lang === 'en' ? 'zh' : 'en';
  const url = new URL(location.href);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
  applyLanguage();
});
$('platform').addEventListener('change', () => {
  $('txn-help').textContent = STRINGS[lang].help[$('platform').value];
});
$('check-form').addEventListener('submit', check);
applyLanguage();
