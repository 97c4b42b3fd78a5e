// The charities' back office: pick a charity (GET /backoffice/api/charities?q=), then see its
// campaigns, running totals, disclosure calendar and report downloads
// (GET /backoffice/api/charities/:uscc). Both answers are documented by the zod contracts in
// libs/contracts/src/http/backoffice.views.ts. Every time shown is Beijing time.

import { $, el } from '/page-kit.js';
import { charityNodes } from '/backoffice-render.js';

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

async function pick(uscc) {
  const view = await api(`/backoffice/api/charities/${encodeURIComponent(uscc)}`);
  if (view === undefined) return;
  history.replaceState(null, '', `#${uscc}`);
  $('charity').replaceChildren(...charityNodes(view));
  $('charity').hidden = false;
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
