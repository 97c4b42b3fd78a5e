import {
  aDonationEvent,
  aRefundEvent,
  DonationEventV1,
  LedgerReportView,
  LedgerReportViewSchema,
  makeUscc,
} from '@donations/contracts';
import { createAggregatorStateTables } from '@donations/database';
import type { CampaignView, CharityView, TotalsByCurrencyView } from '../src/queries/queries.views';
import { AggregatorFixture, CHARITY_A, CHARITY_B, refundOf } from './aggregator.fixture';
import { beijingMonth, beijingQuarter, expectedReport } from './report.ground-truth';

const UNKNOWN_CHARITY = makeUscc('53100000500099998');

/** Q2, the last second of Q2 in Beijing, 00:30 on 1 July in Beijing (Q3), Q3, 1 October (Q4). */
const TIMES = [
  '2026-05-20T04:00:00.000Z',
  '2026-06-30T15:59:59.000Z',
  '2026-06-30T16:30:00.000Z',
  '2026-08-15T10:00:00.000Z',
  '2026-09-30T16:00:00.000Z',
];
const QUARTERS = ['2026-Q2', '2026-Q3', '2026-Q4'];

describe('ledger reports of the aggregator on the real Kafka and PostgreSQL', () => {
  let fixture: AggregatorFixture;
  const counted: DonationEventV1[] = [];
  let rejected: DonationEventV1;

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    await fixture.startApp();
    const donations = Array.from({ length: 30 }, (_, index) => {
      const campaignId = fixture.campaigns[index % 3];
      return aDonationEvent({
        campaignId,
        charityId: fixture.charityOf(campaignId),
        platform: (['alipay', 'tencent', 'jd'] as const)[index % 4 === 3 ? 2 : index % 2],
        currency: index % 4 === 0 ? 'USD' : 'CNY',
        amountMinor: 100 + index,
        occurredAt: TIMES[index % TIMES.length],
      });
    });
    await fixture.publish(donations);
    await fixture.waitUntilConsumed();
    // Donation 2 (Q3) refunded in Q4; donation 3 (Q3) refunded at once; donation 7's refund is
    // larger than the donation: rejected, in the ledger but not counted.
    const refunds = [
      aRefundEvent({ ...refundOf(donations[2]), amountMinor: 20, occurredAt: TIMES[4] }),
      aRefundEvent({ ...refundOf(donations[3]), amountMinor: 30 }),
    ];
    rejected = aRefundEvent({ ...refundOf(donations[7]), amountMinor: 10_000 });
    await fixture.publish([...refunds, rejected]);
    await fixture.waitUntilConsumed();
    counted.push(...donations, ...refunds);
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function get<T>(url: string): Promise<{ status: number; body: T }> {
    const app = fixture.app;
    if (!app) throw new Error('the aggregator is not started');
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<T>() };
  }

  async function report(url: string): Promise<LedgerReportView> {
    const { status, body } = await get<LedgerReportView>(url);
    expect([url, status]).toEqual([url, 200]);
    return LedgerReportViewSchema.parse(body);
  }

  const ofCampaign = (id: string) => counted.filter((event) => event.campaignId === id);
  const ofCharity = (id: string) => counted.filter((event) => event.charityId === id);
  const inQuarter = (events: DonationEventV1[], quarter: string) =>
    events.filter((event) => beijingQuarter(event) === quarter);

  it('reports all time exactly as the running totals of every campaign and charity', async () => {
    for (const campaignId of fixture.campaigns) {
      const all = await report(`/reports/campaigns/${campaignId}?period=all`);
      const totals = await get<CampaignView>(`/campaigns/${campaignId}`);

      expect(all).toMatchObject({ scope: 'campaign', id: campaignId, period: { label: 'all' } });
      expect(all.charityId).toBe(fixture.charityOf(campaignId));
      expect(figuresOf(all)).toEqual(totalsFigures(totals.body.totals));
      expect(all).toMatchObject(expectedReport(ofCampaign(campaignId)));
    }
    for (const charityId of [CHARITY_A, CHARITY_B]) {
      const all = await report(`/reports/charities/${charityId}?period=all`);
      const totals = await get<CharityView>(`/charities/${charityId}`);

      expect(figuresOf(all)).toEqual(totalsFigures(totals.body.totals));
      const campaignTotals = totals.body.campaigns.flatMap(({ campaignId, totals: own }) =>
        Object.entries(totalsFigures(own)).map(([currency, { byPlatform: _, ...sums }]) => ({
          campaignId,
          currency,
          ...sums,
        })),
      );
      expect(all.campaigns).toEqual(campaignTotals);
      expect(all).toMatchObject(expectedReport(ofCharity(charityId)));
    }
  });

  it('holds exactly the rows of a quarter in Beijing time, 16:30 UTC on 30 June in Q3', async () => {
    for (const quarter of QUARTERS) {
      for (const campaignId of fixture.campaigns) {
        const body = await report(`/reports/campaigns/${campaignId}?period=${quarter}`);
        expect([quarter, body]).toMatchObject([
          quarter,
          expectedReport(inQuarter(ofCampaign(campaignId), quarter)),
        ]);
      }
      const body = await report(`/reports/charities/${CHARITY_A}?period=${quarter}`);
      expect([quarter, body]).toMatchObject([
        quarter,
        { period: { label: quarter }, ...expectedReport(inQuarter(ofCharity(CHARITY_A), quarter)) },
      ]);
    }
    const months = async (quarter: string) =>
      (await report(`/reports/charities/${CHARITY_A}?period=${quarter}`)).currencies.flatMap(
        (currency) => currency.byMonth.map(({ month }) => month),
      );
    const atMidnight = counted.filter((event) => event.occurredAt === TIMES[2]);
    expect(atMidnight.map(beijingMonth)).toContain('2026-07');
    expect(await months('2026-Q3')).toContain('2026-07');
    expect(await months('2026-Q2')).not.toContain('2026-07');
    expect((await report(`/reports/charities/${CHARITY_A}?period=2026-Q3`)).period).toEqual({
      label: '2026-Q3',
      from: '2026-07-01',
      to: '2026-09-30',
    });
  });

  it('gives a control line equal to an auditor count and sum of the counted ledger rows', async () => {
    const audit = async (charityId: string, bounds: string) => {
      const schema = await fixture.activeSchema();
      const { rows } = await fixture.client.query<{ ledger_rows: string; sum: string | null }>(
        `SELECT count(*)::text AS ledger_rows, sum(amount_minor)::text AS sum
         FROM "${schema}".donation_ledger WHERE charity_id = $1 AND counted ${bounds}`,
        [charityId],
      );
      return { ledgerRows: rows[0].ledger_rows, amountMinorSum: rows[0].sum ?? '0' };
    };
    const q3 = `AND occurred_at >= '2026-07-01 00:00:00+08' AND occurred_at < '2026-10-01 00:00:00+08'`;
    for (const charityId of [CHARITY_A, CHARITY_B]) {
      const all = await report(`/reports/charities/${charityId}?period=all`);
      const third = await report(`/reports/charities/${charityId}?period=2026-Q3`);
      expect(all.control).toEqual(await audit(charityId, ''));
      expect(third.control).toEqual(await audit(charityId, q3));
      const quarters = await Promise.all(
        QUARTERS.map((quarter) => report(`/reports/charities/${charityId}?period=${quarter}`)),
      );
      const summed = quarters.reduce((sum, { control }) => sum + BigInt(control.ledgerRows), 0n);
      expect(summed.toString()).toBe(all.control.ledgerRows);
    }
    // The rejected refund is in the ledger, in no figure and not in the control line.
    const withRejected = await audit(rejected.charityId, 'OR NOT counted');
    const ofRejected = await report(`/reports/charities/${rejected.charityId}?period=all`);
    expect(BigInt(withRejected.ledgerRows)).toBe(BigInt(ofRejected.control.ledgerRows) + 1n);
  });

  it('answers an empty report for a known campaign in a quarter without its rows', async () => {
    const body = await report(`/reports/campaigns/${fixture.campaigns[0]}?period=2020-Q1`);
    expect(body).toMatchObject({
      currencies: [],
      campaigns: [],
      control: { ledgerRows: '0', amountMinorSum: '0' },
      charityId: fixture.charityOf(fixture.campaigns[0]),
    });
  });

  it('answers 404 AGGREGATE.NOT_FOUND for an id without any ledger row, whatever the period', async () => {
    for (const url of [
      '/reports/campaigns/no-such-campaign?period=all',
      '/reports/campaigns/no-such-campaign?period=2026-Q3',
      `/reports/charities/${UNKNOWN_CHARITY}?period=all`,
      `/reports/charities/${UNKNOWN_CHARITY}?period=2026-Q3`,
    ]) {
      const { status, body } = await get<{ code: string; message: string }>(url);
      expect([url, status, body.code]).toEqual([url, 404, 'AGGREGATE.NOT_FOUND']);
    }
  });

  it('answers 400 HTTP.BAD_REQUEST for a bad period or id', async () => {
    const campaign = fixture.campaigns[0];
    for (const url of [
      `/reports/campaigns/${campaign}`,
      `/reports/campaigns/${campaign}?period=2026-Q5`,
      `/reports/campaigns/${campaign}?period=2026-07`,
      `/reports/campaigns/${campaign}?period=0000-Q1`,
      `/reports/campaigns/${campaign}?period=all&period=2026-Q3`,
      `/reports/charities/${CHARITY_A}?period=Q3`,
      '/reports/charities/not-a-uscc?period=all',
      `/reports/campaigns/%20?period=all`,
    ]) {
      const { status, body } = await get<{ code: string; message: string }>(url);
      expect([url, status, body.code]).toEqual([url, 400, 'HTTP.BAD_REQUEST']);
      expect(body.message).toEqual(expect.any(String));
    }
  });

  it('reads the ledger of the active generation: a switch changes the report at once', async () => {
    const [campaignId] = fixture.campaigns;
    const before = await report(`/reports/campaigns/${campaignId}?period=all`);
    const service = fixture.schema.schema;
    const rebuilt = `${service}_g1`;
    const { client } = fixture;
    // A generation whose ledger holds only the campaign's donations (no refund, no other campaign).
    await client.query(`CREATE SCHEMA "${rebuilt}"`);
    await client.query(`SET search_path TO "${rebuilt}", "${service}"`);
    try {
      await createAggregatorStateTables((sql) => client.query(sql));
      await client.query(
        `INSERT INTO donation_ledger SELECT * FROM "${service}".donation_ledger
         WHERE campaign_id = $1 AND type = 'donation.completed'`,
        [campaignId],
      );
      await client.query(
        `INSERT INTO aggregator_generations (generation, schema_name, state) VALUES (1, $1, 'active')`,
        [rebuilt],
      );
      await client.query(
        `UPDATE aggregator_active_generation SET generation = 1, schema_name = $1`,
        [rebuilt],
      );
      const after = await report(`/reports/campaigns/${campaignId}?period=all`);
      const donationsOnly = ofCampaign(campaignId).filter((e) => e.type === 'donation.completed');

      expect(after).toMatchObject(expectedReport(donationsOnly));
      expect(after.control).not.toEqual(before.control);
      const other = await get(`/reports/campaigns/${fixture.campaigns[2]}?period=all`);
      expect(other.status).toBe(404);
    } finally {
      await client.query(
        `UPDATE aggregator_active_generation SET generation = 0, schema_name = $1`,
        [service],
      );
      await client.query(`SET search_path TO "${service}"`);
      await client.query(`DROP SCHEMA "${rebuilt}" CASCADE`);
    }
    expect((await report(`/reports/campaigns/${campaignId}?period=all`)).control).toEqual(
      before.control,
    );
  });

  it('documents both reports in its OpenAPI document, with the period and the contract view', async () => {
    const { status, body } = await get<{
      paths: Record<string, { get: OpenApiOperation }>;
      components: { schemas: Record<string, unknown> };
    }>('/openapi.json');

    expect(status).toBe(200);
    for (const path of ['/reports/campaigns/{id}', '/reports/charities/{id}']) {
      const operation = body.paths[path].get;
      expect(operation.parameters.map(({ name, in: where }) => `${where}:${name}`).sort()).toEqual([
        'path:id',
        'query:period',
      ]);
      expect(operation.responses['200']).toMatchObject({
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/LedgerReportView' } },
        },
      });
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '404']));
    }
    expect(Object.keys(body.components.schemas)).toContain('LedgerReportView');
  });
});

interface OpenApiOperation {
  parameters: { name: string; in: string }[];
  responses: Record<string, unknown>;
}

type CurrencyFigures = Record<string, Record<string, unknown>>;

/** A report's figures per currency, with its platforms, in the running totals' shape. */
function figuresOf(view: LedgerReportView): CurrencyFigures {
  return Object.fromEntries(
    view.currencies.map(({ currency, byMonth: _, byPlatform, ...sums }) => [
      currency,
      {
        ...sums,
        byPlatform: Object.fromEntries(
          byPlatform.map(({ platform, netMinor: __, ...counters }) => [platform, counters]),
        ),
      },
    ]),
  );
}

/** The running totals' figures per currency, without their event times. */
function totalsFigures(totals: TotalsByCurrencyView): CurrencyFigures {
  return Object.fromEntries(
    Object.entries(totals).map(([currency, { firstEventAt: _, lastEventAt: __, ...sums }]) => [
      currency,
      sums,
    ]),
  );
}
