import { once } from 'node:events';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import {
  DonationCheckView,
  DonationCheckViewSchema,
  ErrorBodySchema,
  VerificationView,
} from '@donations/contracts';
import { createTestSchema, TestSchema, waitFor } from '@donations/testing';
import {
  aLedgerEvent,
  aRefundEvent,
  aVerification,
  CHECK_CAMPAIGN as CAMPAIGN,
  CHECK_CHARITY as CHARITY,
} from './check.builders';
import { DashboardFixture, Gateway } from './dashboard.fixture';

const ALIPAY_TXN = '2026090922001000000000000001';
const TENCENT_TXN = '4200002202609090000000000007';
const FAILING_TXN = 'JD000000000000500';

/** The ledger's rows the aggregator peer knows, by `platform|txn`, as its contract gives them. */
const LEDGER = new Map<string, VerificationView>([
  [`alipay|${ALIPAY_TXN}`, aVerification('alipay', ALIPAY_TXN, [aLedgerEvent()])],
  [
    `tencent|${TENCENT_TXN}`,
    aVerification('tencent', TENCENT_TXN, [
      aLedgerEvent({ amountMinor: '5000' }),
      aRefundEvent('2000'),
    ]),
  ],
]);

/**
 * The aggregator's GET /donations/verify as an HTTP peer: the rows above, 404 for any other
 * transaction, 500 for FAILING_TXN. It records what it was asked.
 */
async function startAggregatorPeer(): Promise<{ server: Server; url: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://peer');
    const key = `${url.searchParams.get('platform')}|${url.searchParams.get('txn')}`;
    asked.push(key);
    const view = url.pathname === '/donations/verify' ? LEDGER.get(key) : undefined;
    const [status, body] =
      url.searchParams.get('txn') === FAILING_TXN
        ? [500, { code: 'INTERNAL', message: 'internal error' }]
        : view
          ? [200, view]
          : [404, { code: 'AGGREGATE.NOT_FOUND', message: `transaction ${key} not found` }];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, asked };
}

/** A registry with the campaign's title and the charity's name, as the adapters write it. */
async function registryWithNames(): Promise<TestSchema> {
  const schema = await createTestSchema();
  const client = new Client({ connectionString: schema.url });
  await client.connect();
  try {
    await client.query(`SET search_path TO "${schema.schema}"`);
    await client.query(`INSERT INTO charities (uscc, name, region) VALUES ($1, $2, 'CN-BJ')`, [
      CHARITY,
      '某某慈善基金会',
    ]);
    await client.query(
      `INSERT INTO campaign_registry (platform, platform_project_id, campaign_id, charity_id, title)
       VALUES ('alipay', 'P-1', $1, $2, '乡村儿童午餐')`,
      [CAMPAIGN, CHARITY],
    );
  } finally {
    await client.end();
  }
  return schema;
}

async function check(gateway: Gateway, query: Record<string, string>, headers = {}) {
  const response = await fetch(
    `${gateway.url}/api/check?${new URLSearchParams(query).toString()}`,
    {
      headers,
    },
  );
  const body: unknown = await response.json();
  return { response, body };
}

/** A 200 answer, parsed with the (strict) contract: no field beyond it, so no donor field. */
async function answer(gateway: Gateway, platform: string, txn: string): Promise<DonationCheckView> {
  const { response, body } = await check(gateway, { platform, txn });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  return DonationCheckViewSchema.parse(body);
}

describe('GET /api/check: was my donation counted', () => {
  let fixture: DashboardFixture;
  let registry: TestSchema;
  let peer: Awaited<ReturnType<typeof startAggregatorPeer>>;
  let gateway: Gateway;

  beforeAll(async () => {
    [fixture, registry, peer] = await Promise.all([
      DashboardFixture.create(),
      registryWithNames(),
      startAggregatorPeer(),
    ]);
    gateway = await fixture.startGateway({
      AGGREGATOR_URL: peer.url,
      DATABASE_URL: registry.url,
      DATABASE_SCHEMA: registry.schema,
      DASHBOARD_CHECK_PER_MINUTE: '1000',
    });
  });

  afterAll(async () => {
    await fixture?.close();
    peer?.server.close();
    await registry?.drop();
  });

  it("answers counted with the registry's campaign title and charity name", async () => {
    const view = await waitFor(
      async () => {
        const found = await answer(gateway, 'alipay', ALIPAY_TXN);
        return found.campaign?.title === null ? undefined : found;
      },
      { description: "the registry's names in the answer" },
    );
    expect(view).toEqual({
      status: 'counted',
      platform: 'alipay',
      txn: ALIPAY_TXN,
      campaign: { id: CAMPAIGN, title: '乡村儿童午餐' },
      charity: { id: CHARITY, name: '某某慈善基金会' },
      amountMinor: '8888',
      currency: 'CNY',
      refundedMinor: '0',
      occurredAt: '2026-09-09T01:58:00.000Z',
      countedAt: '2026-09-09T01:58:02.000Z',
    });
  });

  it('answers refunded with the refunded amount, for a number pasted with spaces around it', async () => {
    const view = await answer(gateway, 'tencent', `  ${TENCENT_TXN} `);
    expect(view).toMatchObject({
      status: 'refunded',
      txn: TENCENT_TXN,
      amountMinor: '5000',
      refundedMinor: '2000',
    });
  });

  it('answers not_seen for a well-formed number the ledger does not have', async () => {
    const view = await answer(gateway, 'jd', 'JD999999000000001');
    expect(view).toMatchObject({ status: 'not_seen', campaign: null, amountMinor: null });
    expect(peer.asked).toContain('jd|JD999999000000001');
  });

  it('answers unknown without asking the ledger, for another platform or an impossible number', async () => {
    const tooLong = '4'.repeat(33);
    expect((await answer(gateway, 'paypal', ALIPAY_TXN)).status).toBe('unknown');
    expect((await answer(gateway, 'tencent', tooLong)).status).toBe('unknown');
    expect(peer.asked.filter((key) => key.startsWith('paypal|') || key.endsWith(tooLong))).toEqual(
      [],
    );
  });

  it.each([
    ['no txn', { platform: 'alipay' }],
    ['an empty txn', { platform: 'alipay', txn: '   ' }],
    ['no platform', { txn: ALIPAY_TXN }],
    ['an oversized txn', { platform: 'alipay', txn: '2'.repeat(257) }],
  ])('answers 400 DASHBOARD.CHECK_INVALID for %s', async (_, query) => {
    const { response, body } = await check(gateway, query);
    expect(response.status).toBe(400);
    expect(ErrorBodySchema.parse(body).code).toBe('DASHBOARD.CHECK_INVALID');
  });

  it('answers 502 DASHBOARD.UPSTREAM_FAILED when the aggregator fails, naming no address', async () => {
    const { response, body } = await check(gateway, { platform: 'jd', txn: FAILING_TXN });
    expect(response.status).toBe(502);
    const error = ErrorBodySchema.parse(body);
    expect(error.code).toBe('DASHBOARD.UPSTREAM_FAILED');
    expect(error.message).not.toContain('127.0.0.1');
  });

  it('serves the page, its script and the shared look', async () => {
    const [page, script, theme] = await Promise.all(
      ['/check', '/check.js', '/theme.css'].map((path) => gateway.get(path)),
    );
    expect(theme.headers.get('content-type')).toMatch(/^text\/css/);
    expect(await theme.text()).toContain('--accent');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    for (const id of ['check-platform', 'check-txn', 'check-submit']) {
      expect(html).toContain(`data-testid="${id}"`);
    }
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain("'data-testid': 'check-result'");
  });

  it('documents the check in its OpenAPI document', async () => {
    const document = (await (await gateway.get('/openapi.json')).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toContain('/api/check');
    expect(Object.keys(document.components.schemas)).toContain('DonationCheckView');
  });
});

describe('GET /api/check: a limit per client address', () => {
  const LIMIT = 3;
  let fixture: DashboardFixture;
  let gateway: Gateway;

  beforeAll(async () => {
    fixture = await DashboardFixture.create();
    // No aggregator: the limit comes before any lookup, and unknown answers need none.
    gateway = await fixture.startGateway({ DASHBOARD_CHECK_PER_MINUTE: String(LIMIT) });
  });

  afterAll(() => fixture?.close());

  it('answers 429 DASHBOARD.CHECK_RATE_LIMITED after the limit, whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let n = 0; n < LIMIT; n += 1) {
      statuses.push((await check(gateway, { platform: 'paypal', txn: `X${n}` })).response.status);
    }
    const refused = await check(gateway, { platform: 'paypal', txn: 'X9' });
    const spoofed = await check(
      gateway,
      { platform: 'paypal', txn: 'X10' },
      { 'x-forwarded-for': '203.0.113.7' },
    );

    expect(statuses).toEqual(Array(LIMIT).fill(200));
    expect(refused.response.status).toBe(429);
    expect(ErrorBodySchema.parse(refused.body).code).toBe('DASHBOARD.CHECK_RATE_LIMITED');
    expect(Number(refused.response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(spoofed.response.status).toBe(429);
  });

  it('answers 503 DASHBOARD.UPSTREAM_UNSET for a lookup without AGGREGATOR_URL', async () => {
    // A gateway of its own: the one above has used up this address's checks.
    const unset = await fixture.startGateway({ DASHBOARD_CHECK_PER_MINUTE: '10' });
    const { response, body } = await check(unset, { platform: 'alipay', txn: ALIPAY_TXN });
    expect(response.status).toBe(503);
    expect(ErrorBodySchema.parse(body).code).toBe('DASHBOARD.UPSTREAM_UNSET');
  });
});
