import type { INestApplication } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Consumer } from 'kafkajs';
import { TOPICS, topicName } from '@donations/contracts';
import { loadConfig } from '@donations/config';
import {
  connectRedis,
  PlainRedis,
  requiredEnv,
  testRedisPrefix,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { createAggregatorApp } from '../services/aggregator/src/aggregator-app';
import { AggregatorFixture } from '../services/aggregator/test/aggregator.fixture';
import { samplesOf } from '../services/aggregator/test/aggregator-instance';
import type { LagReport } from '../services/ops/src/lag/lag-report';
import { buildProgram } from '../services/ops/src/program';
import {
  StatisticsConfig,
  StatisticsConfigSchema,
} from '../services/statistics/src/config/statistics.config';
import { ActiveGenerationReader } from '../services/statistics/src/generations/active-generation';
import { createStatisticsApp } from '../services/statistics/src/statistics-app';

/** A service app in this process, listening on a free port: its /metrics, pausing its consumer. */
class RunningService {
  private constructor(
    private readonly app: NestFastifyApplication,
    private readonly url: string,
  ) {}

  static async start(app: NestFastifyApplication): Promise<RunningService> {
    await app.startAllMicroservices();
    await app.listen(0, '127.0.0.1');
    return new RunningService(app, await app.getUrl());
  }

  /** The samples of a metric whose labels include `labels`, by their label set. */
  async samples(name: string, labels: Record<string, string>): Promise<Map<string, number>> {
    const response = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(10_000) });
    const all = samplesOf(await response.text(), name);
    const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
    return new Map([...all].filter(([set]) => wanted.every((label) => set.includes(label))));
  }

  async sum(name: string, labels: Record<string, string>): Promise<number> {
    return [...(await this.samples(name, labels)).values()].reduce((a, b) => a + b, 0);
  }

  /** Stops fetching the topic (the consumer stays in its group): nothing more is applied. */
  pause(kafkaTopic: string): void {
    const [microservice] = (this.app as INestApplication).getMicroservices();
    microservice.unwrap<Consumer>().pause([{ topic: kafkaTopic }]);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

const sumOf = (values: Iterable<string | number | null>) =>
  [...values].reduce<number>((sum, value) => sum + Number(value ?? 0), 0);

/**
 * `ops lag` against the real Kafka, PostgreSQL and Redis, with an aggregator and a statistics
 * service on their own topics, schema and key prefix: the applied offsets it shows are the ones
 * the services stored with their state, the lag is the log end minus them, and the services'
 * /metrics agree (consumer_lag, consumer_events_applied_total, dead letters, outbox backlog).
 */
describe('ops lag: applied offsets stored with the state, against the log end', () => {
  let fixture: AggregatorFixture;
  let statsConfig: StatisticsConfig;
  let aggregator: RunningService;
  let statistics: RunningService;
  let redis: PlainRedis;
  let env: Record<string, string>;
  const N = 30;
  const M = 5;
  const M2 = 7;

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    statsConfig = loadConfig(StatisticsConfigSchema, {
      HTTP_PORT: '0',
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      REDIS_URL: requiredEnv('REDIS_URL'),
      REDIS_KEY_PREFIX: testRedisPrefix(),
      TOPIC_PREFIX: fixture.prefix,
      LOG_LEVEL: 'silent',
      STATISTICS_GROUP_ID: `statistics-${uniqueSuffix()}`,
    });
    redis = await connectRedis(statsConfig.REDIS_URL, { keyPrefix: statsConfig.REDIS_KEY_PREFIX });
    aggregator = await RunningService.start(await createAggregatorApp(fixture.config));
    statistics = await RunningService.start(await createStatisticsApp(statsConfig));
    env = {
      KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
      DATABASE_URL: fixture.schema.url,
      DATABASE_SCHEMA: fixture.schema.schema,
      TOPIC_PREFIX: fixture.prefix,
      REDIS_URL: statsConfig.REDIS_URL,
      REDIS_KEY_PREFIX: statsConfig.REDIS_KEY_PREFIX,
    };
  });

  afterAll(async () => {
    await statistics?.close();
    await aggregator?.close();
    const keys = await redis.keys(`${statsConfig.REDIS_KEY_PREFIX}*`);
    const raw = await connectRedis(statsConfig.REDIS_URL);
    if (keys.length > 0) await raw.del(keys);
    raw.destroy();
    redis?.destroy();
    await fixture?.close();
  });

  const aggregatorGroup = () => fixture.config.AGGREGATOR_GROUP_ID;
  const statisticsGroup = () => statsConfig.STATISTICS_GROUP_ID;
  const normalized = () => topicName(TOPICS.donationsNormalized, fixture.prefix);
  const counted = () => topicName(TOPICS.donationsCounted, fixture.prefix);

  async function ops(...args: string[]): Promise<string> {
    let stdout = '';
    const { program } = buildProgram(
      (output) => ({ env, output, progress: () => () => ({ advance: () => {}, stop: () => {} }) }),
      (text) => (stdout += text),
    );
    program.exitOverride();
    await program.parseAsync(['node', 'ops', ...args]);
    return stdout;
  }

  async function lag(): Promise<{
    aggregator?: LagReport['groups'][number];
    statistics?: LagReport['groups'][number];
  }> {
    const report = JSON.parse(await ops('--json', 'lag')) as LagReport;
    return {
      aggregator: report.groups.find((group) => group.group === aggregatorGroup()),
      statistics: report.groups.find((group) => group.group === statisticsGroup()),
    };
  }

  /** The aggregator's stored offsets (consumer_offsets of the active generation). */
  async function aggregatorStored(): Promise<Map<number, string>> {
    const schema = await fixture.activeSchema();
    const { rows } = await fixture.client.query<{ partition: number; next_offset: string }>(
      `SELECT partition, next_offset FROM "${schema}".consumer_offsets WHERE group_id = $1`,
      [aggregatorGroup()],
    );
    return new Map(rows.map((row) => [row.partition, String(row.next_offset)]));
  }

  /** The statistics' stored offsets (the offsets hash of their active generation in Redis). */
  async function statisticsStored(): Promise<Map<number, string>> {
    const keys = await new ActiveGenerationReader(redis).keys();
    const hash = await redis.hGetAll(keys.offsets(statisticsGroup(), TOPICS.donationsCounted));
    return new Map(Object.entries(hash).map(([partition, offset]) => [Number(partition), offset]));
  }

  const appliedOf = (group: LagReport['groups'][number]) =>
    new Map(
      group.partitions
        .filter((row) => row.applied !== null)
        .map((row) => [row.partition, row.applied]),
    );

  it('shows lag 0 and every applied offset at the log end once the events are applied', async () => {
    await fixture.publish(Array.from({ length: N }, (_, i) => fixture.anEvent(i)));
    const producer = fixture.kafka.producer();
    await producer.connect();
    await producer.send({ topic: normalized(), messages: [{ key: 'poison', value: 'not json' }] });
    await producer.disconnect();

    const caughtUp = await waitFor(
      async () => {
        const { aggregator: agg, statistics: stats } = await lag();
        const done =
          agg?.lag === 0 &&
          sumOf(agg.partitions.map((row) => row.applied)) === N + 1 &&
          stats?.lag === 0 &&
          sumOf(stats.partitions.map((row) => row.logEnd)) >= N &&
          [...agg.partitions, ...stats.partitions].every((row) => row.committed === row.applied);
        return done && { agg, stats };
      },
      { description: 'both groups caught up, their mirror commits too', timeoutMs: 60_000 },
    );
    const { agg, stats } = caughtUp;
    for (const row of [...agg.partitions, ...stats.partitions]) {
      expect(row.lag).toBe(0);
      if (row.applied !== null) expect(row.applied).toBe(row.logEnd);
      else expect(row.logEnd).toBe('0');
    }
    expect(appliedOf(agg)).toEqual(await aggregatorStored());
    expect(appliedOf(stats)).toEqual(await statisticsStored());

    // /metrics: lag 0 everywhere, the events applied, the poison message's dead letter, no backlog.
    const countedTotal = sumOf(stats.partitions.map((row) => row.logEnd));
    await waitFor(
      async () =>
        (await aggregator.sum('consumer_events_applied_total', { group: aggregatorGroup() })) ===
          N + 1 &&
        (await statistics.sum('consumer_events_applied_total', { group: statisticsGroup() })) ===
          countedTotal &&
        (await aggregator.sum('aggregator_outbox_backlog', {})) === 0,
      { description: 'the applied counters and an empty outbox on /metrics' },
    );
    const lagSamples = await aggregator.samples('consumer_lag', {
      group: aggregatorGroup(),
      topic: TOPICS.donationsNormalized,
    });
    expect(lagSamples.size).toBe(agg.partitions.length);
    expect([...lagSamples.values()].every((value) => value === 0)).toBe(true);
    expect(await statistics.sum('consumer_lag', { group: statisticsGroup() })).toBe(0);
    expect(
      await aggregator.samples('dead_letters_written_total', { reason: 'MESSAGE.INVALID_JSON' }),
    ).toEqual(new Map([[expect.any(String) as string, 1]]));
    expect(await aggregator.samples('aggregator_outbox_backlog', { outbox: 'counted' })).toEqual(
      new Map([[expect.any(String) as string, 0]]),
    );
  });

  it('with the consumers paused and the aggregator stopped, shows the events behind, as the stores have them', async () => {
    const countedEnd = async () =>
      sumOf((await lag()).statistics!.partitions.map((row) => row.logEnd));
    statistics.pause(counted());
    const countedBefore = await countedEnd();
    await fixture.publish(Array.from({ length: M }, (_, i) => fixture.anEvent(N + i)));

    // The aggregator applies them and relays M counted messages; the statistics, paused, do not.
    const behind = await waitFor(
      async () => {
        const { aggregator: agg, statistics: stats } = await lag();
        const done =
          agg?.lag === 0 &&
          sumOf(agg.partitions.map((row) => row.applied)) === N + 1 + M &&
          stats !== undefined &&
          sumOf(stats.partitions.map((row) => row.logEnd)) === countedBefore + M;
        return done && stats;
      },
      { description: 'the aggregator caught up, the paused statistics behind' },
    );
    expect(behind.lag).toBe(M);
    expect(appliedOf(behind)).toEqual(await statisticsStored());
    await waitFor(
      async () => (await statistics.sum('consumer_lag', { group: statisticsGroup() })) === M,
      {
        description: `consumer_lag of the paused statistics at ${M} on /metrics`,
      },
    );

    aggregator.pause(normalized());
    await fixture.publish(Array.from({ length: M2 }, (_, i) => fixture.anEvent(N + M + i)));
    await waitFor(async () => (await lag()).aggregator?.lag === M2, {
      description: `ops lag of the paused aggregator at ${M2}`,
    });
    await waitFor(
      async () => (await aggregator.sum('consumer_lag', { group: aggregatorGroup() })) === M2,
      {
        description: `consumer_lag of the paused aggregator at ${M2} on /metrics`,
      },
    );

    await aggregator.close();
    const { aggregator: agg, statistics: stats } = await lag();
    expect(agg?.lag).toBe(M2);
    expect(sumOf(agg!.partitions.map((row) => row.logEnd))).toBe(N + 1 + M + M2);
    for (const row of agg!.partitions) {
      expect(row.lag).toBe(Number(row.logEnd) - Number(row.applied ?? 0));
    }
    expect(appliedOf(agg!)).toEqual(await aggregatorStored());
    expect(stats?.lag).toBe(M);

    const text = await ops('lag', '--group', aggregatorGroup());
    expect(text).toMatch(/^GROUP +STORE +TOPIC +PARTITION +APPLIED +LOG END +LAG +COMMITTED$/m);
    expect(text).toContain(`${aggregatorGroup()}: lag ${M2} (`);
    expect(text).not.toContain(statisticsGroup());
  });
});
