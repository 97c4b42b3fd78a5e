import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { Client } from 'pg';
import { makeUscc, StatsOverviewAnswer } from '@donations/contracts';
import { createTestSchema, TestSchema } from '@donations/testing';
import { DashboardFixture, Gateway } from './dashboard.fixture';
import { aLedgerReport, CHARITY_ID } from './reports.builders';
import { ReportsPeer } from './reports.peer';

const TOKEN = 'back-office-token-for-reports-0123';
const CAMPAIGN = 'C-2026-001';

const anOverview = (scope: string, uniqueDonors: number): StatsOverviewAnswer => ({
  scope,
  version: 1,
  totals: {},
  uniqueDonors,
  platforms: {},
  ageBands: {},
  updatedAt: '2026-09-30T16:00:00.000Z',
  state: { status: 'live' },
});

/** An error answer's code and the type of its message (`{code, message}`, nothing else). */
function errorOf(body: unknown): [unknown, string] {
  const { code, message, ...rest } = body as Record<string, unknown>;
  expect(rest).toEqual({});
  return [code, typeof message];
}

async function registerNames(schema: TestSchema): Promise<void> {
  const client = new Client({ connectionString: schema.url });
  await client.connect();
  try {
    const table = (name: string) => `"${schema.schema}".${name}`;
    await client.query(
      `INSERT INTO ${table('charities')} (uscc, name, region) VALUES ($1, '春蕾基金会, "Spring"', 'CN-11')`,
      [CHARITY_ID],
    );
    await client.query(
      `INSERT INTO ${table('campaign_registry')} (platform, platform_project_id, campaign_id, charity_id, title)
       VALUES ('alipay', 'p-1', $1, $2, '春蕾计划 <2026>')`,
      [CAMPAIGN, CHARITY_ID],
    );
  } finally {
    await client.end();
  }
}

describe('the back office exports', () => {
  let fixture: DashboardFixture;
  let peer: ReportsPeer;
  let schema: TestSchema;
  let local: Gateway;
  let guarded: Gateway;
  let unset: Gateway;

  beforeAll(async () => {
    [fixture, peer, schema] = await Promise.all([
      DashboardFixture.create(),
      ReportsPeer.start(),
      createTestSchema(),
    ]);
    await registerNames(schema);
    peer.reports.set(CHARITY_ID, aLedgerReport());
    peer.reports.set(
      CAMPAIGN,
      aLedgerReport({
        scope: 'campaign',
        id: CAMPAIGN,
        campaigns: aLedgerReport().campaigns.slice(0, 1),
      }),
    );
    peer.overviews.set(`charity:${CHARITY_ID}`, anOverview(`charity:${CHARITY_ID}`, 1234));
    peer.broken.add('C-BROKEN');
    peer.silent.add('C-SILENT');
    const upstream = {
      AGGREGATOR_URL: peer.url,
      STATISTICS_URL: peer.url,
      DASHBOARD_UPSTREAM_TIMEOUT_MS: '1000',
    };
    [local, guarded, unset] = await Promise.all([
      fixture.startGateway({
        ...upstream,
        DATABASE_URL: schema.url,
        DATABASE_SCHEMA: schema.schema,
      }),
      fixture.startGateway({ ...upstream, DASHBOARD_BACKOFFICE_TOKEN: TOKEN }),
      fixture.startGateway({ STATISTICS_URL: peer.url }),
    ]);
  });

  afterAll(async () => {
    await fixture?.close();
    await Promise.allSettled([peer?.close(), schema?.drop()]);
  });

  const reportUrl = `/backoffice/reports/charity/${CHARITY_ID}`;

  describe('without a token (this machine only)', () => {
    it("downloads the charity's CSV named report-<id>-<period>, figures and names exact", async () => {
      const response = await local.get(`${reportUrl}.csv?period=2026-Q3`);
      const records: string[][] = parse(Buffer.from(await response.arrayBuffer()), {
        bom: true,
        relax_column_count: true,
      });

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(response.headers.get('content-disposition')).toContain(
        `attachment; filename="report-${CHARITY_ID}-2026-Q3.csv"`,
      );
      expect(peer.asked).toContain(ReportsPeer.reportPath(aLedgerReport(), '2026-Q3'));
      const field = (key: string) => records.find((record) => record[0] === key)?.[1];
      expect(field('慈善组织名称 Charity name')).toBe('春蕾基金会, "Spring"');
      expect(field('独立捐赠人(估算, 全程) Unique donors (estimate, whole scope)')).toBe('1234');
      expect(records).toContainEqual(
        expect.arrayContaining(['CNY', '90071992547410.93', '9007199254741093']),
      );
      expect(records.find((record) => record[0] === CAMPAIGN)?.slice(0, 3)).toEqual([
        CAMPAIGN,
        '春蕾计划 <2026>',
        'CNY',
      ]);
      expect(records).toContainEqual(['6', '9007199254744648']);
    });

    it("downloads a campaign's workbook (the whole campaign by default) with a sheet per section", async () => {
      const response = await local.get(`/backoffice/reports/campaign/${CAMPAIGN}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());

      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toContain(
        `filename="report-${CAMPAIGN}-all.xlsx"`,
      );
      expect(peer.asked).toContain(
        ReportsPeer.reportPath({ scope: 'campaign', id: CAMPAIGN }, 'all'),
      );
      expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('核对 Control');
      expect(workbook.getWorksheet('平台 Platforms')?.getRow(3).values).toEqual(
        expect.arrayContaining(['CNY', 'tencent', 1, 100, 0, 0, 1, 100]),
      );
    });

    it('serves the printable page inline, without scripts, the unique donors not available when the statistics have none', async () => {
      const response = await local.get(`/backoffice/reports/campaign/${CAMPAIGN}.html`);
      const html = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(response.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'unsafe-inline'",
      );
      expect(html).toContain('春蕾计划 &lt;2026&gt; (C-2026-001)');
      expect(html).toContain('不可用 not available');
    });

    it('refuses a client on another machine with 403', async () => {
      const response = await local.app.inject({
        method: 'GET',
        url: `${reportUrl}.csv`,
        remoteAddress: '203.0.113.7',
      });

      expect(response.statusCode).toBe(403);
      expect(errorOf(response.json())).toEqual(['DASHBOARD.BACKOFFICE_LOCAL_ONLY', 'string']);
      expect(peer.asked).not.toContain(ReportsPeer.reportPath(aLedgerReport(), 'all'));
    });

    it.each([
      [
        'an unknown charity',
        `/backoffice/reports/charity/${makeUscc('53100000500021677')}.csv`,
        404,
        'DASHBOARD.REPORT_NOT_FOUND',
      ],
      ['a bad period', `${reportUrl}.csv?period=2026-13`, 400, 'DASHBOARD.BAD_REQUEST'],
      ['an unknown format', `${reportUrl}.pdf`, 400, 'DASHBOARD.BAD_REQUEST'],
      [
        'an answer that breaks the contract',
        '/backoffice/reports/campaign/C-BROKEN.csv',
        502,
        'DASHBOARD.UPSTREAM_FAILED',
      ],
      [
        'an aggregator that does not answer',
        '/backoffice/reports/campaign/C-SILENT.csv',
        504,
        'DASHBOARD.UPSTREAM_TIMEOUT',
      ],
    ])('answers %s (GET %s) with %i %s', async (_name, path, status, code) => {
      const response = await local.get(path);

      expect(response.status).toBe(status);
      expect(errorOf(await response.json())).toEqual([code, 'string']);
    });
  });

  it('answers 503 DASHBOARD.UPSTREAM_UNSET when no AGGREGATOR_URL is set', async () => {
    const response = await unset.get(`${reportUrl}.xlsx`);

    expect(response.status).toBe(503);
    expect(errorOf(await response.json())).toEqual(['DASHBOARD.UPSTREAM_UNSET', 'string']);
  });

  describe('with DASHBOARD_BACKOFFICE_TOKEN', () => {
    const download = (headers: Record<string, string>) =>
      fetch(`${guarded.url}${reportUrl}.csv`, { headers });

    it('asks even this machine for the token, and takes it as a bearer header', async () => {
      const none = await download({});
      const wrong = await download({ authorization: 'Bearer back-office-token-for-reports-0124' });
      const right = await download({ authorization: `Bearer ${TOKEN}` });

      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer realm="backoffice"');
      expect(await none.json()).toMatchObject({ code: 'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED' });
      expect(wrong.status).toBe(401);
      expect(right.status).toBe(200);
      expect(await right.text()).toContain('9007199254741093');
    });

    it('signs a browser in with the form, then takes the cookie it set', async () => {
      const signIn = (token: string) =>
        fetch(`${guarded.url}/backoffice/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
          redirect: 'manual',
        });
      const refused = await signIn(`${TOKEN}x`);
      const signedIn = await signIn(TOKEN);
      const cookie = signedIn.headers.get('set-cookie') ?? '';

      expect(refused.status).toBe(401);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/backoffice');
      expect(cookie.split('; ').slice(1)).toEqual([
        'HttpOnly',
        'SameSite=Strict',
        'Path=/backoffice',
      ]);
      expect((await download({ cookie: cookie.split(';')[0] })).status).toBe(200);
      expect((await download({ cookie: 'backoffice_token=not-the-token-at-all' })).status).toBe(
        401,
      );
    });

    it('lets another machine in with the token', async () => {
      const response = await guarded.app.inject({
        method: 'GET',
        url: `${reportUrl}.html`,
        remoteAddress: '203.0.113.7',
        headers: { authorization: `Bearer ${TOKEN}` },
      });

      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('1234');
    });
  });

  it('documents the exports and the sign-in in the OpenAPI document', async () => {
    const document = (await (await local.get('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };

    const reports = document.paths['/backoffice/reports/{scope}/{file}']?.get;
    expect(Object.keys(reports?.responses ?? {}).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '502',
      '503',
      '504',
    ]);
    expect(document.paths['/backoffice/session']?.post).toBeDefined();
  });
});
