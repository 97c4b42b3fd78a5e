import { aRefundEvent, DonationEventV1, makeUscc, TOPICS } from '@donations/contracts';
import type {
  CampaignView,
  CharityView,
  TopCampaignsView,
  TotalsByCurrencyView,
  VerificationView,
} from '../src/queries/queries.views';
import { AggregatorFixture, CHARITY_A, CHARITY_B, refundOf } from './aggregator.fixture';
import { ExpectedRow, groundTruth } from './totals.ground-truth';

const UNKNOWN_CHARITY = makeUscc('53100000500099998');

describe('aggregator HTTP queries on the real Kafka and PostgreSQL', () => {
  let fixture: AggregatorFixture;
  const counted: DonationEventV1[] = [];
  let donations: DonationEventV1[];
  let refund: DonationEventV1;
  let tooLarge: DonationEventV1;

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    await fixture.startApp();
    donations = Array.from({ length: 24 }, (_, index) => fixture.anEvent(index));
    await fixture.publish(donations);
    await fixture.waitUntilConsumed();
    refund = aRefundEvent({ ...refundOf(donations[6]), amountMinor: 20 });
    tooLarge = aRefundEvent({ ...refundOf(donations[7]), amountMinor: 10_000 });
    await fixture.publish([refund, tooLarge]);
    await fixture.waitUntilConsumed();
    counted.push(...donations, refund);
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

  async function versionOf(topic: string, key: string): Promise<number> {
    const { rows } = await fixture.client.query<{ version: string }>(
      'SELECT version FROM aggregate_versions WHERE topic = $1 AND message_key = $2',
      [topic, key],
    );
    return Number(rows[0].version);
  }

  const truthOf = (keyOf: (event: DonationEventV1) => string, id: string) =>
    new Map([...groundTruth(counted, keyOf)].filter(([key]) => key.startsWith(`${id}|`)));

  it('answers the totals of every campaign as PostgreSQL holds them', async () => {
    for (const campaignId of fixture.campaigns) {
      const { status, body } = await get<CampaignView>(`/campaigns/${campaignId}`);

      expect(status).toBe(200);
      expect(body.charityId).toBe(fixture.charityOf(campaignId));
      expect(rowsOf(campaignId, body.totals)).toEqual(truthOf((e) => e.campaignId, campaignId));
      expect(body.version).toBe(await versionOf(TOPICS.campaignTotals, campaignId));
      const times = eventTimes(counted.filter((event) => event.campaignId === campaignId));
      expect([body.firstEventAt, body.lastEventAt]).toEqual(times);
    }
  });

  it('answers the rollup of each charity with the totals of its campaigns', async () => {
    for (const charityId of [CHARITY_A, CHARITY_B]) {
      const { status, body } = await get<CharityView>(`/charities/${charityId}`);

      expect(status).toBe(200);
      expect(rowsOf(charityId, body.totals)).toEqual(truthOf((e) => e.charityId, charityId));
      expect(body.version).toBe(await versionOf(TOPICS.charityRollups, charityId));
      const own = fixture.campaigns.filter((id) => fixture.charityOf(id) === charityId).sort();
      expect(body.campaigns.map((campaign) => campaign.campaignId)).toEqual(own);
      for (const { campaignId, totals } of body.campaigns) {
        expect(rowsOf(campaignId, totals)).toEqual(truthOf((e) => e.campaignId, campaignId));
      }
    }
  });

  it('ranks the campaigns of a charity by net amount in each currency', async () => {
    const all = await get<TopCampaignsView>(`/campaigns?charityId=${CHARITY_A}`);
    const first = await get<TopCampaignsView>(`/campaigns?charityId=${CHARITY_A}&top=1`);

    const expected = ranking(CHARITY_A, fixture, counted);
    expect(all.status).toBe(200);
    expect(all.body.top).toBe(10);
    expect(netsOf(all.body)).toEqual(expected);
    expect(first.status).toBe(200);
    expect(netsOf(first.body)).toEqual(
      Object.fromEntries(Object.entries(expected).map(([cur, list]) => [cur, list.slice(0, 1)])),
    );
  });

  it('shows a counted donation with its counted refund, and a rejected refund with its reason', async () => {
    const refunded = await get<VerificationView>(
      `/donations/verify?platform=${donations[6].platform}&txn=${donations[6].platformTxnId}`,
    );
    const rejected = await get<VerificationView>(
      `/donations/verify?platform=${donations[7].platform}&txn=${donations[7].platformTxnId}`,
    );

    expect(refunded.status).toBe(200);
    expect(refunded.body).toMatchObject({
      donationCounted: true,
      campaignId: donations[6].campaignId,
      charityId: donations[6].charityId,
    });
    expect(refunded.body.events.map((e) => [e.eventId, e.type, e.amountMinor, e.status])).toEqual([
      [donations[6].eventId, 'donation.completed', String(donations[6].amountMinor), 'counted'],
      [refund.eventId, 'donation.refunded', '20', 'counted'],
    ]);
    expect(rejected.body.donationCounted).toBe(true);
    expect(rejected.body.events.find((e) => e.eventId === tooLarge.eventId)).toMatchObject({
      status: 'rejected',
      rejection: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
      amountMinor: '10000',
    });
  });

  it('answers 404 AGGREGATE.NOT_FOUND for an unknown campaign, charity or transaction', async () => {
    for (const url of [
      '/campaigns/no-such-campaign',
      `/charities/${UNKNOWN_CHARITY}`,
      `/campaigns?charityId=${UNKNOWN_CHARITY}`,
      '/donations/verify?platform=alipay&txn=no-such-txn',
    ]) {
      const { status, body } = await get<{ code: string; message: string }>(url);
      expect([url, status, body.code]).toEqual([url, 404, 'AGGREGATE.NOT_FOUND']);
      expect(body.message).toEqual(expect.any(String));
    }
  });

  it('answers 400 HTTP.BAD_REQUEST for a bad query', async () => {
    for (const url of [
      '/charities/not-a-uscc',
      `/campaigns?charityId=${CHARITY_A}&top=0`,
      `/campaigns?charityId=${CHARITY_A}&top=101`,
      `/campaigns?charityId=${CHARITY_A}&top=two`,
      '/campaigns',
      '/donations/verify?platform=paypal&txn=1',
      '/donations/verify?platform=alipay',
    ]) {
      const { status, body } = await get<{ code: string; message: string }>(url);
      expect([url, status, body.code]).toEqual([url, 400, 'HTTP.BAD_REQUEST']);
      expect(body.message).toEqual(expect.any(String));
    }
  });
});

/** An answer's totals in the shape of the ground truth. */
function rowsOf(id: string, totals: TotalsByCurrencyView): Map<string, ExpectedRow> {
  return new Map(
    Object.entries(totals).map(([currency, sums]) => {
      expect(BigInt(sums.netMinor)).toBe(BigInt(sums.raisedMinor) - BigInt(sums.refundedMinor));
      const row: ExpectedRow = {
        raised_minor: sums.raisedMinor,
        refunded_minor: sums.refundedMinor,
        donation_count: sums.donationCount,
        refund_count: sums.refundCount,
        by_platform: Object.fromEntries(
          Object.entries(sums.byPlatform).map(([platform, share]) => [platform, { ...share }]),
        ),
        first_event_at: sums.firstEventAt ?? '',
        last_event_at: sums.lastEventAt ?? '',
      };
      return [`${id}|${currency}`, row];
    }),
  );
}

function eventTimes(events: readonly DonationEventV1[]): [string, string] {
  const times = events.map((event) => Date.parse(event.occurredAt)).sort((a, b) => a - b);
  return [new Date(times[0]).toISOString(), new Date(times[times.length - 1]).toISOString()];
}

const netsOf = (view: TopCampaignsView) =>
  Object.fromEntries(
    Object.entries(view.byCurrency).map(([currency, list]) => [
      currency,
      list.map(({ campaignId, netMinor }) => [campaignId, netMinor]),
    ]),
  );

/** Per currency, the charity's campaigns by net amount (ties by id), from the ground truth. */
function ranking(
  charityId: string,
  fixture: AggregatorFixture,
  counted: readonly DonationEventV1[],
): Record<string, string[][]> {
  const nets: Record<string, [string, bigint][]> = {};
  for (const [key, row] of groundTruth(counted, (e) => e.campaignId)) {
    const [campaignId, currency] = key.split('|');
    if (fixture.charityOf(campaignId) !== charityId) continue;
    (nets[currency] ??= []).push([
      campaignId,
      BigInt(row.raised_minor) - BigInt(row.refunded_minor),
    ]);
  }
  return Object.fromEntries(
    Object.entries(nets).map(([currency, list]) => [
      currency,
      list
        .sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : 1) : x > y ? -1 : 1))
        .map(([campaignId, net]) => [campaignId, net.toString()]),
    ]),
  );
}
