import {
  DonationEventV1,
  GLOBAL_SCOPE,
  StatsGenerationView,
  StatsOverviewV1,
  TOPICS,
} from '@donations/contracts';
import { TopicCollector, waitFor } from '@donations/testing';
import { keysOf } from '../src/generations/generation-keys';
import { StatisticsFixture } from './statistics.fixture';
import { overviewAndState } from './stats.expectations';
import { distinctEvents, expectedOverviewFigures, expectedTotals } from './stats.ground-truth';

const TOKEN = 'shadow-rebuild-operator-token-0123456789';

/** The figures that never go down while events only arrive: per currency, raised, refunded, counts. */
type Figures = Record<string, [number, number, number, number]>;

function figuresOf(overview: StatsOverviewV1): Figures {
  return Object.fromEntries(
    Object.entries(overview.totals).map(([currency, t]) => [
      currency,
      [t.raisedMinor, t.refundedMinor, t.donationCount, t.refundCount],
    ]),
  );
}

/** Whether every figure of `later` is at or above the same one of `earlier`. */
function atOrAbove(later: Figures, earlier: Figures): boolean {
  return Object.entries(earlier).every(([currency, figures]) =>
    figures.every((value, i) => (later[currency]?.[i] ?? -1) >= value),
  );
}

describe('statistics shadow rebuild (ops rebuild statistics)', () => {
  let fixture: StatisticsFixture;
  const published: DonationEventV1[] = [];
  let next = 0;

  /** Donations with a refund of every ninth and a duplicate of every tenth. */
  async function publishSome(count: number): Promise<void> {
    const donations = Array.from({ length: count }, () => fixture.aDonation(next++));
    const refunds = donations
      .filter((_, i) => i % 9 === 0)
      .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 2)));
    const events = [...donations, ...refunds, ...donations.slice(0, Math.ceil(count / 10))];
    await fixture.publish(events);
    published.push(...events);
  }

  async function overview() {
    const response = await fixture.app!.inject({ method: 'GET', url: '/stats/overview' });
    expect(response.statusCode).toBe(200);
    return overviewAndState(response.json<Record<string, unknown>>());
  }

  async function call<T>(method: 'GET' | 'POST' | 'DELETE', url: string, token = TOKEN) {
    const response = await fixture.app!.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.statusCode, body: response.json<T>() };
  }

  /** The generation's stored offsets at the end of every non-empty partition. */
  async function consumedInto(generation: number): Promise<void> {
    const ends = (await fixture.topicEnds()).filter(({ low, high }) => low !== high);
    const key = keysOf(generation).offsets(
      fixture.config.STATISTICS_GROUP_ID,
      TOPICS.donationsCounted,
    );
    await waitFor(
      async () => {
        const stored = await fixture.redis.hGetAll(key);
        return ends.every(({ partition, high }) => stored[String(partition)] === high);
      },
      { description: `generation ${generation} at the end of every partition` },
    );
  }

  /** Overview and Redis totals against the distinct events published. */
  async function expectGroundTruth(generation: number): Promise<void> {
    const distinct = distinctEvents(published);
    const { overview: after, state } = await overview();
    expect(state).toEqual({ status: 'live' });
    const expected = expectedOverviewFigures(distinct);
    for (const [currency, totals] of Object.entries(expected.totals)) {
      const { bucketCounts: _buckets, ...figures } = totals;
      expect({ currency, ...after.totals[currency as 'CNY'] }).toMatchObject({
        currency,
        ...figures,
      });
    }
    const keys = keysOf(generation);
    for (const [scope, hash] of expectedTotals(distinct, (e) => `campaign:${e.campaignId}`)) {
      expect({ scope, totals: await fixture.redis.hGetAll(keys.totals(scope)) }).toEqual({
        scope,
        totals: hash,
      });
    }
  }

  /** Rebuilds while traffic flows and /stats is polled; every answer at or above the last. */
  async function rebuildUnderTraffic(): Promise<StatsGenerationView> {
    const before = figuresOf((await overview()).overview);
    let running = true;
    const answers: Figures[] = [];
    const poll = (async () => {
      while (running) {
        const { overview: seen, state } = await overview();
        expect(state).toEqual({ status: 'live' });
        answers.push(figuresOf(seen));
      }
    })();
    const traffic = (async () => {
      while (running) {
        await publishSome(20);
        await new Promise((pace) => setTimeout(pace, 30));
      }
    })();
    try {
      const unauthorized = await call('POST', '/rebuilds', 'wrong-token-wrong-token-wrong-token');
      expect(unauthorized.status).toBe(401);
      const started = await call<StatsGenerationView>('POST', '/rebuilds');
      expect(started.status).toBe(202);
      expect(started.body.state).toBe('building');
      const generation = started.body.generation;
      await waitFor(
        async () =>
          (await call<StatsGenerationView>('GET', `/rebuilds/${generation}`)).body.state ===
          'active',
        { timeoutMs: 90_000, intervalMs: 100, description: `generation ${generation} active` },
      );
      // Some answers after the switch too.
      const seenAtSwitch = answers.length;
      await waitFor(() => answers.length > seenAtSwitch + 5, {
        description: 'answers after the switch',
      });
      return (await call<StatsGenerationView>('GET', `/rebuilds/${generation}`)).body;
    } finally {
      running = false;
      await Promise.all([poll, traffic]);
      expect(answers.length).toBeGreaterThan(10);
      answers.forEach((answer, i) => {
        expect({ i, atOrAbovePreRebuild: atOrAbove(answer, before) }).toEqual({
          i,
          atOrAbovePreRebuild: true,
        });
        if (i > 0) {
          expect({ i, atOrAboveLast: atOrAbove(answer, answers[i - 1]) }).toEqual({
            i,
            atOrAboveLast: true,
          });
        }
      });
    }
  }

  beforeAll(async () => {
    fixture = await StatisticsFixture.create({
      OPERATOR_TOKEN: TOKEN,
      STATISTICS_SWITCH_LAG: '200',
    });
    await publishSome(1_500);
    await fixture.startApp();
    await fixture.waitUntilConsumed();
  }, 120_000);

  afterAll(() => fixture?.close());

  it('switches in a shadow generation: no /stats answer below the one before, exact after', async () => {
    const topic = await TopicCollector.start<StatsOverviewV1>(
      fixture.kafka,
      TOPICS.statsOverview,
      fixture.config.TOPIC_PREFIX,
    );
    try {
      const switched = await rebuildUnderTraffic();
      expect(switched).toMatchObject({ generation: 1, state: 'active', keyPrefix: 'stats:g1:' });
      await consumedInto(1);
      await expectGroundTruth(1);
      const global = () => topic.messages.filter((m) => m.key === GLOBAL_SCOPE);
      const last = () => global().at(-1)?.value;
      await waitFor(
        async () =>
          JSON.stringify(figuresOf(last()!)) ===
          JSON.stringify(figuresOf((await overview()).overview)),
        { description: 'the final global figures on stats.overview.v1' },
      );
      const versions = global().map((m) => m.value.version);
      expect(versions).toEqual([...versions].sort((a, b) => a - b));
      global().forEach((m, i) => {
        if (i > 0)
          expect(atOrAbove(figuresOf(m.value), figuresOf(global()[i - 1].value))).toBe(true);
      });
    } finally {
      await topic.stop();
    }
  }, 180_000);

  it('rebuilds again into the next generation under traffic', async () => {
    const switched = await rebuildUnderTraffic();
    expect(switched).toMatchObject({ generation: 2, state: 'active' });
    await consumedInto(2);
    await expectGroundTruth(2);
  }, 180_000);

  it("prunes a retired generation's keys, never the active one", async () => {
    const list = await call<StatsGenerationView[]>('GET', '/rebuilds');
    expect(list.body.map((g) => [g.generation, g.state])).toEqual([
      [0, 'retired'],
      [1, 'retired'],
      [2, 'active'],
    ]);
    expect((await call('DELETE', '/rebuilds/2')).status).toBe(409);
    const keysOfGeneration = async (prefix: string) =>
      (await fixture.redis.keys(`${fixture.config.REDIS_KEY_PREFIX}${prefix}totals:*`)).length;
    const dry = await call<{ keys: number; bytes: number }>('DELETE', '/rebuilds/1?dryRun=true');
    expect(dry.body.keys).toBeGreaterThan(0);
    expect(await keysOfGeneration('stats:g1:')).toBeGreaterThan(0);
    const pruned = await call<{ keys: number; bytes: number }>('DELETE', '/rebuilds/1');
    expect(pruned.body).toMatchObject({ generation: 1, dryRun: false, keys: dry.body.keys });
    expect(pruned.body.bytes).toBeGreaterThan(0);
    expect(await keysOfGeneration('stats:g1:')).toBe(0);
    const zero = await call<{ keys: number }>('DELETE', '/rebuilds/0');
    expect(zero.body.keys).toBeGreaterThan(0);
    expect(await keysOfGeneration('stats:')).toBe(0);
    expect(await keysOfGeneration('stats:g2:')).toBeGreaterThan(0);
    await expectGroundTruth(2);
  }, 60_000);
});
