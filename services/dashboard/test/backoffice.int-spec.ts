import {
  BackofficeCharityViewSchema,
  CharitySearchViewSchema,
  CharityTotalsView,
  CurrencyTotalsView,
  ErrorBodySchema,
  makeUscc,
} from '@donations/contracts';
import { chromium } from 'playwright-core';
import { createTestSchema, TestSchema } from '@donations/testing';
import { AggregatorPeer, RegistrySeed } from './backoffice.fixture';
import { DashboardFixture, Gateway } from './dashboard.fixture';

const WATER = makeUscc('53110000MA0000001');
const SCHOOL = makeUscc('53310000MA0000002');
/** Counted by the ledger but never registered. */
const UNREGISTERED = makeUscc('53440300MA0000003');
const BULK = Array.from({ length: 25 }, (_, i) =>
  makeUscc(`53510100MB${String(i).padStart(7, '0')}`),
);

const cny = (netMinor: string): CurrencyTotalsView => ({
  raisedMinor: netMinor,
  refundedMinor: '0',
  netMinor,
  donationCount: '2',
  refundCount: '0',
  byPlatform: {},
  firstEventAt: '2025-03-01T02:00:00.000Z',
  lastEventAt: '2025-11-30T16:30:00.000Z',
});

const waterTotals: CharityTotalsView = {
  charityId: WATER,
  totals: { CNY: cny('12345') },
  firstEventAt: '2025-03-01T02:00:00.000Z',
  lastEventAt: '2025-11-30T16:30:00.000Z',
  version: 4,
  campaigns: [
    { campaignId: 'clean-water', totals: { CNY: cny('12000') } },
    { campaignId: 'pass-through-7', totals: { CNY: cny('345') } },
  ],
};

const ledgerOnlyTotals: CharityTotalsView = {
  ...waterTotals,
  charityId: UNREGISTERED,
  campaigns: [{ campaignId: 'ledger-only', totals: { CNY: cny('12345') } }],
};

async function json(response: Response): Promise<{ status: number; body: unknown }> {
  return { status: response.status, body: await response.json() };
}

describe('the back office API on the registry (real PostgreSQL) and an aggregator peer', () => {
  let fixture: DashboardFixture;
  let schema: TestSchema;
  let peer: AggregatorPeer;
  let gateway: Gateway;

  beforeAll(async () => {
    [fixture, schema, peer] = await Promise.all([
      DashboardFixture.create(),
      createTestSchema(),
      AggregatorPeer.start([waterTotals, ledgerOnlyTotals]),
    ]);
    const seed = await RegistrySeed.open(schema);
    try {
      await seed.charity(WATER, 'Clean Water 安全饮水基金会');
      await seed.charity(SCHOOL, '上海市乡村学校基金会', '上海市');
      for (const [i, uscc] of BULK.entries()) await seed.charity(uscc, `批量基金会${i}号`);
      const water = { campaignId: 'clean-water', charityId: WATER, title: '安全饮水' };
      await seed.campaign({
        ...water,
        platform: 'alipay',
        platformProjectId: 'ali-1',
        startsOn: '2025-01-01',
        endsOn: '2025-12-31',
      });
      await seed.campaign({
        ...water,
        platform: 'jd',
        platformProjectId: 'act-1',
        startsOn: '2025-02-01',
        endsOn: '2025-12-31',
      });
      await seed.campaign({
        platform: 'shuidi',
        platformProjectId: 'sd-9',
        campaignId: 'no-dates',
        charityId: WATER,
      });
      await seed.disclosure({
        campaignId: 'clean-water',
        kind: 'progress',
        periodStart: '2025-01-01',
        periodEnd: '2025-03-31',
        madeOn: '2025-04-10',
        link: 'https://cszg.mca.gov.cn/platform/project/clean-water-q1',
      });
    } finally {
      await seed.close();
    }
    gateway = await fixture.startGateway({
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      AGGREGATOR_URL: peer.url,
    });
  });

  afterAll(async () => {
    await fixture?.close();
    await Promise.allSettled([schema?.drop(), peer?.close()]);
  });

  it('finds charities by part of the name in any case, or by the first characters of the USCC', async () => {
    const byName = await json(await gateway.get('/backoffice/api/charities?q=WATER'));
    const byUscc = await json(
      await gateway.get(`/backoffice/api/charities?q=${SCHOOL.slice(0, 6).toLowerCase()}`),
    );

    expect(byName.status).toBe(200);
    expect(CharitySearchViewSchema.parse(byName.body)).toEqual({
      access: 'local-only',
      query: 'WATER',
      charities: [{ uscc: WATER, name: 'Clean Water 安全饮水基金会', region: '北京市' }],
      truncated: false,
    });
    expect(CharitySearchViewSchema.parse(byUscc.body).charities.map((c) => c.uscc)).toEqual([
      SCHOOL,
    ]);
  });

  it('bounds the answer, and takes the LIKE wildcards as text', async () => {
    const many = CharitySearchViewSchema.parse(
      (await json(await gateway.get(`/backoffice/api/charities?q=${encodeURIComponent('批量')}`)))
        .body,
    );
    const wildcard = CharitySearchViewSchema.parse(
      (await json(await gateway.get('/backoffice/api/charities?q=%25'))).body,
    );

    expect(many).toMatchObject({ truncated: true });
    expect(many.charities).toHaveLength(20);
    expect(wildcard.charities).toEqual([]);
  });

  it("shows a charity's merged campaigns, totals and calendar, overdue flagged and a recorded one done", async () => {
    const { status, body } = await json(await gateway.get(`/backoffice/api/charities/${WATER}`));
    const view = BackofficeCharityViewSchema.parse(body);

    expect(status).toBe(200);
    expect(view).toMatchObject({ totalsStatus: 'ok', totals: { CNY: { netMinor: '12345' } } });
    expect(view.campaigns.map((c) => [c.campaignId, c.registered])).toEqual([
      ['clean-water', true],
      ['no-dates', true],
      ['pass-through-7', false],
    ]);
    const [water, noDates] = view.campaigns;
    expect(water).toMatchObject({
      title: '安全饮水',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
      conflicts: ['startsOn'],
      totals: { CNY: { netMinor: '12000' } },
    });
    expect(water.platforms.map((p) => p.platform)).toEqual(['alipay', 'jd']);
    // Ended 2025-12-31: its final disclosure was due 2026-03-31, long before this test runs.
    expect(water.disclosures).toContainEqual(
      expect.objectContaining({ kind: 'final', dueOn: '2026-03-31', status: 'overdue' }),
    );
    expect(water.disclosures).toContainEqual(
      expect.objectContaining({ kind: 'progress', periodStart: '2025-01-01', status: 'done' }),
    );
    expect(view.overdueCount).toBe(water.disclosures!.filter((d) => d.status === 'overdue').length);
    expect(noDates.disclosures).toBeNull();
    expect(water.reportPeriods.slice(0, 2)).toEqual(['all', '2025-Q4']);
  });

  it('lists a charity only the ledger knows, and answers 404 for one nobody knows', async () => {
    const known = await json(await gateway.get(`/backoffice/api/charities/${UNREGISTERED}`));
    const unknown = await json(await gateway.get(`/backoffice/api/charities/${BULK[0]}x`));
    const nobody = await json(
      await gateway.get(`/backoffice/api/charities/${makeUscc('53110000MC0000009')}`),
    );

    expect(known.status).toBe(200);
    expect(BackofficeCharityViewSchema.parse(known.body)).toMatchObject({
      charity: { uscc: UNREGISTERED, name: null, region: null },
      campaigns: [{ campaignId: 'ledger-only', registered: false, disclosures: null }],
    });
    expect(unknown).toMatchObject({
      status: 400,
      body: { code: 'DASHBOARD.BACKOFFICE_QUERY_INVALID' },
    });
    expect(ErrorBodySchema.parse(nobody.body).code).toBe('DASHBOARD.CHARITY_NOT_FOUND');
    expect(nobody.status).toBe(404);
  });

  it('keeps the registry and calendar, and says why, without the aggregator', async () => {
    const alone = await fixture.startGateway({
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
    });
    const view = BackofficeCharityViewSchema.parse(
      (await json(await alone.get(`/backoffice/api/charities/${WATER}`))).body,
    );

    expect(view).toMatchObject({ totalsStatus: 'unset', totals: {} });
    expect(view.campaigns[0].disclosures).not.toHaveLength(0);
  });

  it('answers 503 without a registry, and serves the page', async () => {
    const noRegistry = await fixture.startGateway({ AGGREGATOR_URL: peer.url });
    const answer = await json(await noRegistry.get('/backoffice/api/charities?q='));
    const page = await noRegistry.get('/backoffice');
    const script = await noRegistry.get('/backoffice.js');

    expect(answer).toMatchObject({ status: 503, body: { code: 'DASHBOARD.REGISTRY_UNSET' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('src="/backoffice.js"');
    expect(await script.text()).toContain('/backoffice/api/charities');
  });

  it('with a token set, answers only with it, and the page signs in with a form', async () => {
    const token = 'back-office-token-of-the-test';
    const guarded = await fixture.startGateway({
      DATABASE_URL: schema.url,
      DATABASE_SCHEMA: schema.schema,
      DASHBOARD_BACKOFFICE_TOKEN: token,
    });
    const refused = await json(await guarded.get('/backoffice/api/charities?q='));
    const answered = await json(
      await fetch(`${guarded.url}/backoffice/api/charities?q=`, {
        headers: { authorization: `Bearer ${token}` },
      }),
    );

    expect(refused).toMatchObject({
      status: 401,
      body: { code: 'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED' },
    });
    expect(CharitySearchViewSchema.parse(answered.body).access).toBe('token');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      await page.goto(`${guarded.url}/backoffice`);
      await page.getByTestId('sign-in-token').fill(token);
      await page.getByTestId('sign-in-submit').click();
      await page.getByTestId('charity-option').first().waitFor();

      expect(await page.getByTestId('sign-in').isVisible()).toBe(false);
      expect(await page.getByTestId('access-banner').isVisible()).toBe(false);
    } finally {
      await browser.close();
    }
  });
});
