import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DonationEventV1 } from '@donations/contracts';
import {
  buildServices,
  serviceEntry,
  ServiceProcess,
  uniqueSuffix,
  waitFor,
} from '@donations/testing';
import { StatisticsFixture } from './statistics.fixture';
import { expectStatsToMatchGroundTruth, overviewAndState } from './stats.expectations';

const ENTRY = serviceEntry('statistics');
const KILLS = 3;
/** Donations per wave; a wave goes out before each start, so every run has a backlog. */
const WAVE = 5_000;
const SEND_CHUNK = 2_000;
/** Counted messages the relay publishes again at the end of each wave. */
const REPUBLISHED = 700;

describe('statistics crash test (kill -9 while it consumes)', () => {
  let fixture: StatisticsFixture;
  let service: ServiceProcess | undefined;
  let starts = 0;
  const published: DonationEventV1[] = [];
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    await buildServices();
    fixture = await StatisticsFixture.create();
  }, 180_000);

  afterAll(async () => {
    await service?.stop();
    await fixture?.close();
  });

  async function startService(): Promise<ServiceProcess> {
    starts += 1;
    service = await ServiceProcess.start({
      entry: ENTRY,
      logFile: join(tmpdir(), `crash-statistics-${suffix}-${starts}.log`),
      env: fixture.processEnv({
        STATISTICS_SESSION_TIMEOUT_MS: '6000',
        // Small fetches: many batches (many script calls) per run, so a kill lands mid-stream.
        STATISTICS_FETCH_MAX_BYTES_PER_PARTITION: '32768',
        LOG_LEVEL: 'warn',
      }),
    });
    return service;
  }

  /**
   * Wave `w`: its donations, a refund of every ninth, re-deliveries of every seventh event sent
   * before, and duplicates of its own first donations (the ledger drops these); then, as the
   * aggregator's relay after a crash, the wave's last counted messages once more.
   */
  async function publishWave(w: number): Promise<void> {
    const donations = Array.from({ length: WAVE }, (_, i) => fixture.aDonation(w * WAVE + i));
    const refunds = donations
      .filter((_, i) => i % 9 === 0)
      .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 3)));
    const again = published.filter((_, i) => i % 7 === 0);
    const wave = [...again, ...donations.slice(0, 100), ...donations, ...refunds];
    for (let from = 0; from < wave.length; from += SEND_CHUNK) {
      await fixture.publish(wave.slice(from, from + SEND_CHUNK));
    }
    await fixture.republish(fixture.sent.length - REPUBLISHED, fixture.sent.length);
    published.push(...wave);
  }

  /** Starts the service on a new wave, waits for its first stored batch, kills it with SIGKILL. */
  async function crashOnce(w: number): Promise<number> {
    await publishWave(w);
    const before = await fixture.unconsumed();
    const running = await startService();
    await waitFor(async () => (await fixture.unconsumed()) < before, {
      timeoutMs: 60_000,
      intervalMs: 20,
      description: 'the restarted service storing offsets',
    });
    await new Promise((resolveDelay) => setTimeout(resolveDelay, Math.floor(Math.random() * 150)));
    const exit = await running.kill();
    expect(exit.signal).toBe('SIGKILL');
    return fixture.unconsumed();
  }

  async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${service!.port}${path}`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('counts every distinct event exactly once across repeated kill -9 and restarts', async () => {
    const started = Date.now();
    const left: number[] = [];
    while (left.length < KILLS) left.push(await crashOnce(left.length));
    await publishWave(KILLS);
    await startService();
    await waitFor(async () => (await fixture.unconsumed()) === 0, {
      timeoutMs: 90_000,
      intervalMs: 100,
      description: 'stored offsets at the end of every partition',
    });
    const live = await waitFor(
      async () => {
        const { status, body } = await get('/stats/overview');
        return status === 200 && overviewAndState(body).state !== undefined && body;
      },
      { description: 'an overview' },
    );
    const { overview, state } = overviewAndState(live);

    expect(left.every((count) => count > 0)).toBe(true);
    expect(state).toEqual({ status: 'live' });
    await expectStatsToMatchGroundTruth(fixture.redis, overview, published);
    // eslint-disable-next-line no-console -- the figures of the run belong in the test output
    console.info(
      `statistics crash test: ${published.length} events (${new Set(published.map((e) => e.eventId)).size} ` +
        `distinct); ${KILLS} kills with ${left.join(', ')} messages unconsumed; ` +
        `${(Date.now() - started) / 1000} s`,
    );
  }, 240_000);
});
