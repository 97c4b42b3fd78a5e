import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DonationEventV1, TOPICS } from '@donations/contracts';
import {
  buildServices,
  DisposableRedis,
  serviceEntry,
  ServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { statsKeys } from '../src/stats/stats.keys';
import { StatisticsFixture } from './statistics.fixture';
import { expectStatsToMatchGroundTruth, overviewAndState } from './stats.expectations';

const WAVE = 1_000;

/**
 * The statistics service (the built process) on a redis-server of the test's own, which the
 * test kills (SIGKILL) mid-stream and starts again with its data (AOF).
 */
describe('statistics while Redis is down', () => {
  let redis: DisposableRedis;
  let fixture: StatisticsFixture;
  let service: ServiceProcess;
  const published: DonationEventV1[] = [];

  beforeAll(async () => {
    await buildServices();
    redis = await DisposableRedis.start();
    fixture = await StatisticsFixture.create({ REDIS_URL: redis.url });
    service = await ServiceProcess.start({
      entry: serviceEntry('statistics'),
      logFile: join(tmpdir(), `redis-outage-statistics-${uniqueSuffix()}.log`),
      env: fixture.processEnv({
        LOG_LEVEL: 'warn',
      }),
    });
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await fixture?.close();
    await redis?.drop();
  });

  /** A wave of donations with a refund of every ninth and a re-delivery of every seventh. */
  async function publishWave(w: number): Promise<void> {
    const donations = Array.from({ length: WAVE }, (_, i) => fixture.aDonation(w * WAVE + i));
    const refunds = donations
      .filter((_, i) => i % 9 === 0)
      .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 3)));
    const again = donations.filter((_, i) => i % 7 === 0);
    const wave = [...donations, ...refunds, ...again];
    await fixture.publish(wave);
    published.push(...wave);
  }

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${service.port}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async function allConsumed(): Promise<boolean> {
    const ends = await fixture.topicEnds();
    const stored = await fixture.redis.hGetAll(
      statsKeys.offsets(fixture.config.STATISTICS_GROUP_ID, TOPICS.donationsCounted),
    );
    return ends.every(({ partition, high, low }) => (stored[String(partition)] ?? low) === high);
  }

  it('answers 503 on /health/ready, retries its batches without crashing, and counts every event once when Redis is back', async () => {
    await publishWave(0);
    await waitFor(allConsumed, { timeoutMs: 60_000, description: 'the first wave consumed' });
    expect((await get('/health/ready')).status).toBe(200);

    await redis.kill();
    await publishWave(1);
    const down = await waitFor(
      async () => {
        const { status, body } = await get('/health/ready');
        return status === 503 && body;
      },
      { timeoutMs: 10_000, description: '/health/ready 503 while Redis is down' },
    );
    expect(Object.keys(down.error as Record<string, unknown>)).toContain('redis');
    // A batch of the second wave failed on Redis (the offline queue gave up) and is retried.
    await waitFor(() => service.logTail(200).includes('retrying the same batch'), {
      timeoutMs: 30_000,
      description: 'a batch retried while Redis is down',
    });
    expect(service.running).toBe(true);
    expect((await get('/health/live')).status).toBe(200);

    await redis.start();
    await waitFor(allConsumed, { timeoutMs: 60_000, description: 'the second wave consumed' });
    const ready = await waitFor(
      async () => {
        const { status } = await get('/health/ready');
        return status === 200;
      },
      { timeoutMs: 10_000, description: '/health/ready 200 with Redis back' },
    );
    expect(ready).toBe(true);
    const { status, body } = await get('/stats/overview');
    expect(status).toBe(200);
    const { overview, state } = overviewAndState(body);
    expect(state).toEqual({ status: 'live' });
    await expectStatsToMatchGroundTruth(fixture.redis, overview, published);
    expect(service.running).toBe(true);
  }, 150_000);
});
