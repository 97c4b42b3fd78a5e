import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CampaignTotalsV1, CharityRollupV1, DonationEventV1, TOPICS } from '@donations/contracts';
import {
  buildServices,
  requiredEnv,
  serviceEntry,
  ServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { countersOf, latestPerKey, postgresCounters, readFromBeginning } from './aggregate-log';
import { AggregatorFixture } from './aggregator.fixture';
import { totalsOf } from './aggregator-state.reader';
import { generateCrashEvents, seededRandom } from './crash.events';
import { groundTruth } from './totals.ground-truth';

const ENTRY = serviceEntry('aggregator');
const SEED = Number(process.env.CRASH_SEED ?? 20_240_909);
const TOTAL = 200_000;
const KILLS = 5;
const SEND_CHUNK = 10_000;

describe('aggregator crash test (kill -9 while it works)', () => {
  let fixture: AggregatorFixture;
  /** The latest aggregator process, possibly still starting. */
  let aggregator: Promise<ServiceProcess> | undefined;
  let starts = 0;
  const suffix = uniqueSuffix();
  const events = generateCrashEvents({
    seed: SEED,
    total: TOTAL,
    campaignPrefix: `crash-${suffix}`,
  });

  beforeAll(async () => {
    await buildServices();
    fixture = await AggregatorFixture.create();
  }, 180_000);

  afterAll(async () => {
    const last = await aggregator?.catch(() => undefined);
    await last?.stop();
    await fixture?.close();
  });

  function startAggregator(): Promise<ServiceProcess> {
    starts += 1;
    aggregator = ServiceProcess.start({
      entry: ENTRY,
      logFile: join(tmpdir(), `crash-aggregator-${suffix}-${starts}.log`),
      env: {
        PATH: process.env.PATH,
        KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
        DATABASE_URL: fixture.schema.url,
        DATABASE_SCHEMA: fixture.schema.schema,
        TOPIC_PREFIX: fixture.prefix,
        AGGREGATOR_GROUP_ID: fixture.config.AGGREGATOR_GROUP_ID,
        LOG_LEVEL: 'warn',
      },
    });
    return aggregator;
  }

  async function publish(messages: readonly DonationEventV1[]): Promise<void> {
    for (let from = 0; from < messages.length; from += SEND_CHUNK) {
      await fixture.publish(messages.slice(from, from + SEND_CHUNK));
    }
  }

  /** Offsets stored by the aggregator, summed over the partitions. */
  async function storedOffsets(): Promise<number> {
    const { rows } = await fixture.client.query<{ sum: string | null }>(
      'SELECT sum(next_offset)::text AS sum FROM consumer_offsets WHERE group_id = $1',
      [fixture.config.AGGREGATOR_GROUP_ID],
    );
    return Number(rows[0].sum ?? 0);
  }

  async function unconsumed(): Promise<number> {
    const ends = await fixture.topicEnds(TOPICS.donationsNormalized);
    return ends.reduce((sum, { high }) => sum + Number(high), 0) - (await storedOffsets());
  }

  /** Starts the aggregator, waits for progress and a random 0-400 ms, kills it with SIGKILL. */
  async function crashOnce(random: () => number): Promise<number> {
    const service = await startAggregator();
    const before = await storedOffsets();
    await waitFor(async () => (await storedOffsets()) > before, {
      timeoutMs: 90_000,
      intervalMs: 20,
      description: 'the restarted aggregator storing offsets',
    });
    await new Promise((resolveDelay) => setTimeout(resolveDelay, Math.floor(random() * 400)));
    const exit = await service.kill();
    expect(exit.signal).toBe('SIGKILL');
    return unconsumed();
  }

  async function expectTopicToEqualPostgres<T extends CampaignTotalsV1 | CharityRollupV1>(
    topic: typeof TOPICS.campaignTotals | typeof TOPICS.charityRollups,
    table: 'campaign_totals' | 'charity_totals',
  ) {
    const log = await readFromBeginning<T>(fixture.kafka, topic, fixture.prefix);
    const { latest, violations, stale } = latestPerKey(log);
    expect(violations).toEqual([]);
    expect(countersOf(latest)).toEqual(await postgresCounters(fixture.client, table));
    const { rows } = await fixture.client.query<{ message_key: string; version: string }>(
      'SELECT message_key, version FROM aggregate_versions WHERE topic = $1',
      [topic],
    );
    expect(new Map([...latest].map(([key, value]) => [key, String(value.version)]))).toEqual(
      new Map(rows.map((row) => [row.message_key, row.version])),
    );
    return { messages: log.length, stale };
  }

  it('counts every distinct event exactly once across repeated kill -9 and restarts', async () => {
    const started = Date.now();
    const random = seededRandom(SEED ^ Date.now());
    await publish(events.messages);
    const producedAt = Date.now();
    const left: number[] = [];
    while (left.length < KILLS) left.push(await crashOnce(random));
    const killedAt = Date.now();
    await startAggregator();
    await waitUntilConsumedAndPublished();
    const consumedAt = Date.now();

    expect(left.every((count) => count > 0)).toBe(true);
    await expectPostgresToEqualGroundTruth();
    const campaigns = await expectTopicToEqualPostgres(TOPICS.campaignTotals, 'campaign_totals');
    const charities = await expectTopicToEqualPostgres(TOPICS.charityRollups, 'charity_totals');
    // eslint-disable-next-line no-console -- the figures of the run belong in the test output
    console.info(
      `crash test: seed ${SEED}, ${TOTAL} events (${events.distinct.length} distinct, ` +
        `${events.duplicates} duplicates, ${events.refunds} refunds, ${events.earlyRefunds} ` +
        `sent before their donation); ${left.length} kills with ${left.join(', ')} events ` +
        `unconsumed; produced in ${(producedAt - started) / 1000} s, kills done after ` +
        `${(killedAt - started) / 1000} s, all consumed after ${(consumedAt - started) / 1000} s, whole test ` +
        `${(Date.now() - started) / 1000} s; topics: campaign ${campaigns.messages} messages ` +
        `(${campaigns.stale} re-published), charity ${charities.messages} (${charities.stale})`,
    );
  }, 300_000);

  async function waitUntilConsumedAndPublished(): Promise<void> {
    await waitFor(async () => (await unconsumed()) === 0, {
      timeoutMs: 120_000,
      intervalMs: 200,
      description: 'stored offsets at the end of every partition',
    });
    await waitFor(
      async () => {
        const { rows } = await fixture.client.query<{ count: string }>(
          'SELECT count(*) FROM aggregate_outbox',
        );
        return rows[0].count === '0';
      },
      { timeoutMs: 60_000, description: 'an empty aggregate outbox' },
    );
  }

  async function expectPostgresToEqualGroundTruth(): Promise<void> {
    expect(await totalsOf(fixture.client, 'campaign_totals')).toEqual(
      groundTruth(events.distinct, (event) => event.campaignId),
    );
    expect(await totalsOf(fixture.client, 'charity_totals')).toEqual(
      groundTruth(events.distinct, (event) => event.charityId),
    );
    const { rows } = await fixture.client.query<{ rows: string; ids: string; dropped: string }>(
      `SELECT count(*) AS rows, count(DISTINCT event_id) AS ids,
              count(*) FILTER (WHERE NOT counted) AS dropped FROM donation_ledger`,
    );
    expect(rows[0]).toEqual({
      rows: String(events.distinct.length),
      ids: String(events.distinct.length),
      dropped: '0',
    });
  }
});
