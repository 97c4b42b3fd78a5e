import {
  campaignScope,
  charityScope,
  DonationEventV1,
  GLOBAL_SCOPE,
  platformScope,
  StatsOverviewV1,
  StatsOverviewV1Schema,
  StatsTimeseriesV1,
  StatsTimeseriesV1Schema,
  TOPICS,
} from '@donations/contracts';
import { CollectedMessage, TopicCollector, waitFor } from '@donations/testing';
import { statsKeys } from '../src/stats/stats.keys';
import {
  distinctCount,
  distinctEvents,
  expectedDonors,
  expectedNet,
  expectedOverviewFigures,
  expectedPoints,
} from './stats.ground-truth';
import { CHARITIES, StatisticsFixture } from './statistics.fixture';

/** The figures of an overview, without what stamps it (nor the service state GET adds). */
const figuresOf = ({
  version: _version,
  updatedAt: _updatedAt,
  state: _state,
  ...figures
}: StatsOverviewV1 & { state?: unknown }) => figures;

function latestByKey<T>(
  messages: readonly CollectedMessage<T>[],
  keyOf = (m: CollectedMessage<T>) => m.key ?? '',
) {
  return new Map(messages.map((message) => [keyOf(message), message.value]));
}

describe('statistics leaderboards, timeseries and stats topics', () => {
  let fixture: StatisticsFixture;
  let overviews: TopicCollector<StatsOverviewV1>;
  let minutes: TopicCollector<StatsTimeseriesV1>;
  const published: DonationEventV1[] = [];
  const counted = () => distinctEvents(published);

  async function get<T>(url: string): Promise<{ status: number; body: T }> {
    const response = await fixture.app!.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<T>() };
  }

  const scopes = () => [
    GLOBAL_SCOPE,
    ...(['alipay', 'tencent', 'jd'] as const).map(platformScope),
    ...CHARITIES.map(charityScope),
    ...fixture.campaigns.map(campaignScope),
  ];

  /** Until the last overview of every scope on the topic has the figures GET answers. */
  async function waitUntilPublished(): Promise<void> {
    await waitFor(
      async () => {
        const latest = latestByKey(overviews.messages);
        for (const scope of scopes()) {
          const value = latest.get(scope);
          const { body } = await get<StatsOverviewV1>(`/stats/overview?scope=${scope}`);
          if (!value || JSON.stringify(figuresOf(value)) !== JSON.stringify(figuresOf(body)))
            return false;
        }
        return true;
      },
      { description: 'the stats.overview.v1 of every scope to match GET /stats/overview' },
    );
  }

  beforeAll(async () => {
    fixture = await StatisticsFixture.create();
    const prefix = fixture.config.TOPIC_PREFIX;
    overviews = await TopicCollector.start(fixture.kafka, TOPICS.statsOverview, prefix);
    minutes = await TopicCollector.start(fixture.kafka, TOPICS.statsTimeseries, prefix);
    await fixture.startApp();
    const donations = Array.from({ length: 180 }, (_, i) => fixture.aDonation(i));
    const refunds = donations
      .filter((_, i) => i % 9 === 0)
      .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 3)));
    // Three deliveries a round or more apart, duplicates included, so keys are published again.
    const deliveries = [
      [...donations.slice(0, 70), ...donations.slice(0, 10)],
      [...donations.slice(60, 130), ...refunds],
      [...donations.slice(120), ...refunds.slice(0, 4)],
    ];
    for (const delivery of deliveries) {
      await fixture.publish(delivery);
      published.push(...delivery);
      await fixture.waitUntilConsumed();
      await waitUntilPublished();
    }
  });

  afterAll(async () => {
    await Promise.all([overviews?.stop(), minutes?.stop()]);
    await fixture.close();
  });

  it('answers per scope with the figures of its own events, charities and campaigns included', async () => {
    for (const [scope, inScope] of [
      ...CHARITIES.map(
        (c) => [charityScope(c), counted().filter((e) => e.charityId === c)] as const,
      ),
      ...fixture.campaigns.map(
        (c) => [campaignScope(c), counted().filter((e) => e.campaignId === c)] as const,
      ),
    ]) {
      const { body } = await get<StatsOverviewV1>(`/stats/overview?scope=${scope}`);
      const expected = expectedOverviewFigures(inScope);
      for (const [currency, { bucketCounts, ...totals }] of Object.entries(expected.totals)) {
        expect(body.totals[currency as 'CNY']).toMatchObject(totals);
        expect(body.totals[currency as 'CNY']?.distribution.buckets.map((b) => b.count)).toEqual(
          bucketCounts,
        );
      }
      expect(Object.keys(body.totals).sort()).toEqual(Object.keys(expected.totals));
      expect(body.ageBands).toEqual(expected.ageBands);
      expect(
        Object.fromEntries(Object.entries(body.platforms).map(([p, s]) => [p, s.donationCount])),
      ).toEqual(expected.platformCounts);
      const donors = distinctCount(
        inScope.filter((e) => e.type === 'donation.completed').map((e) => e.donor.hash),
      );
      expect(Math.abs(body.uniqueDonors - donors)).toBeLessThanOrEqual(Math.max(1, donors * 0.02));
    }
  });

  it.each([
    ['campaign', (e: DonationEventV1) => e.campaignId],
    ['charity', (e: DonationEventV1) => e.charityId],
  ] as const)('ranks %s by net amount per currency, refunds subtracted', async (kind, idOf) => {
    for (const currency of ['CNY', 'USD']) {
      const expected = [...expectedNet(counted(), idOf, currency)].sort(([, a], [, b]) => b - a);
      const { status, body } = await get<{
        entries: { rank: number; id: string; value: number }[];
      }>(`/stats/leaderboard?kind=${kind}&by=net&currency=${currency}&top=2`);
      expect(status).toBe(200);
      expect(body.entries).toEqual(
        expected.slice(0, 2).map(([id, value], i) => ({ rank: i + 1, id, value })),
      );
      const board = await fixture.redis.zRange(statsKeys.topNet(kind, currency), 0, -1);
      expect(board.length).toBe(expected.length);
    }
  });

  it.each([
    ['campaign', (e: DonationEventV1) => e.campaignId],
    ['charity', (e: DonationEventV1) => e.charityId],
  ] as const)('ranks %s by unique donors', async (kind, idOf) => {
    const truth = expectedDonors(counted(), idOf);
    const { body } = await get<{ entries: { id: string; value: number }[] }>(
      `/stats/leaderboard?kind=${kind}&by=donors&top=100`,
    );
    expect(body.entries.map((e) => e.id).sort()).toEqual([...truth.keys()].sort());
    for (const { id, value } of body.entries) {
      expect(Math.abs(value - truth.get(id)!)).toBeLessThanOrEqual(
        Math.max(1, truth.get(id)! * 0.02),
      );
    }
    const values = body.entries.map((e) => e.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it.each([
    ['minute', 60_000],
    ['hour', 3_600_000],
  ] as const)('answers the %s series of the global scope by event time', async (step, stepMs) => {
    const times = counted().map((e) => Date.parse(e.occurredAt));
    const from = new Date(Math.min(...times)).toISOString();
    const to = new Date(Math.max(...times) + 1).toISOString();
    const { status, body } = await get<{ points: { at: string; perCurrency: object }[] }>(
      `/stats/timeseries?from=${from}&to=${to}&step=${step}`,
    );
    expect(status).toBe(200);
    const expected = expectedPoints(counted(), stepMs);
    expect(body.points.filter((p) => Object.keys(p.perCurrency).length > 0)).toEqual(
      [...expected]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([at, perCurrency]) => ({ at, perCurrency })),
    );
    expect(body.points[0].at <= from && body.points.at(-1)!.at <= to).toBe(true);
  });

  it.each([
    [
      'a range past the bucket limit',
      '/stats/timeseries?from=2024-01-01T00:00:00Z&to=2024-02-01T00:00:00Z',
    ],
    ['to before from', '/stats/timeseries?from=2024-09-09T02:00:00Z&to=2024-09-09T01:00:00Z'],
    [
      'a step of a day',
      '/stats/timeseries?from=2024-09-09T00:00:00Z&to=2024-09-10T00:00:00Z&step=day',
    ],
    ['a missing to', '/stats/timeseries?from=2024-09-09T00:00:00Z'],
    ['a leaderboard of platforms', '/stats/leaderboard?kind=platform&by=net'],
    [
      'a currency on the donor leaderboard',
      '/stats/leaderboard?kind=campaign&by=donors&currency=CNY',
    ],
    ['an unknown scope', '/stats/overview?scope=everything'],
  ])('refuses %s with 400 {code, message}', async (_name, url) => {
    const { status, body } = await get<{ code: string; message: string }>(url);
    expect(status).toBe(400);
    expect(body.code).toBe('STATS.INVALID_QUERY');
    expect(body.message.length).toBeGreaterThan(0);
  });

  it('publishes each overview key with growing versions, at most about once per publish interval', () => {
    // A round starts one interval after the last one started; a key read late in one round and
    // early in the next is a little closer than that.
    const spacing = 0.75 * fixture.config.STATISTICS_PUBLISH_INTERVAL_MS;
    const byKey = new Map<string, StatsOverviewV1[]>();
    for (const { key, value } of overviews.messages) {
      expect(StatsOverviewV1Schema.safeParse(value).success).toBe(true);
      byKey.set(key!, [...(byKey.get(key!) ?? []), value]);
    }
    expect([...byKey.keys()].sort()).toEqual(scopes().sort());
    expect(byKey.get(GLOBAL_SCOPE)!.length).toBeGreaterThanOrEqual(3);
    for (const values of byKey.values()) {
      for (let i = 1; i < values.length; i += 1) {
        expect(values[i].version).toBeGreaterThan(values[i - 1].version);
        expect(
          Date.parse(values[i].updatedAt) - Date.parse(values[i - 1].updatedAt),
        ).toBeGreaterThanOrEqual(spacing);
      }
    }
  });

  it('ends the timeseries topic with the series of every minute, versions growing per scope', () => {
    const latest = latestByKey(minutes.messages, (m) => m.value.minute);
    const expected = expectedPoints(counted(), 60_000);
    expect(new Map([...latest].map(([minute, value]) => [minute, value.perCurrency]))).toEqual(
      expected,
    );
    const versions = minutes.messages.map(({ key, value }) => {
      expect(StatsTimeseriesV1Schema.safeParse(value).success).toBe(true);
      expect(key).toBe(GLOBAL_SCOPE);
      return value.version;
    });
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('publishes nothing for duplicates, and grows versions even after the version hash is lost', async () => {
    const untouched = [campaignScope(fixture.campaigns[0]), charityScope(CHARITIES[0])];
    const before = overviews.messages.filter((m) => untouched.includes(m.key!)).length;
    const lastGlobal = latestByKey(overviews.messages).get(GLOBAL_SCOPE)!;
    await fixture.publish(
      counted()
        .filter((e) => e.campaignId === fixture.campaigns[0])
        .slice(0, 20),
    );
    await fixture.waitUntilConsumed();
    await fixture.redis.del(statsKeys.published(TOPICS.statsOverview));
    // A new donation (a new transaction) of campaign C, whose charity is the other one: it is
    // published in a round after the one that would have carried the duplicates.
    const fresh = fixture.aDonation(2);
    expect([fresh.campaignId, fresh.charityId]).toEqual([fixture.campaigns[2], CHARITIES[1]]);
    await fixture.publish([fresh]);
    published.push(fresh);
    await fixture.waitUntilConsumed();
    await waitUntilPublished();
    expect(overviews.messages.filter((m) => untouched.includes(m.key!))).toHaveLength(before);
    expect(latestByKey(overviews.messages).get(GLOBAL_SCOPE)!.version).toBeGreaterThan(
      lastGlobal.version,
    );
  });
});
