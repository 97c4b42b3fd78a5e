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
const WAVE = 4_000;

describe('two statistics instances in one group, rebalanced mid-stream', () => {
  let fixture: StatisticsFixture;
  const running: ServiceProcess[] = [];
  const published: DonationEventV1[] = [];
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    await buildServices();
    fixture = await StatisticsFixture.create();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(running.map((service) => service.stop()));
    await fixture?.close();
  });

  async function startInstance(name: string): Promise<ServiceProcess> {
    const service = await ServiceProcess.start({
      entry: ENTRY,
      logFile: join(tmpdir(), `group-statistics-${suffix}-${name}.log`),
      env: fixture.processEnv({
        STATISTICS_SESSION_TIMEOUT_MS: '6000',
        // Small fetches: many batches, so the rebalances land mid-stream.
        STATISTICS_FETCH_MAX_BYTES_PER_PARTITION: '16384',
        LOG_LEVEL: 'warn',
      }),
    });
    running.push(service);
    return service;
  }

  /** Donations, a refund of every ninth, re-deliveries; the relay republishes the last 500. */
  async function publishWave(w: number): Promise<void> {
    const donations = Array.from({ length: WAVE }, (_, i) => fixture.aDonation(w * WAVE + i));
    const refunds = donations
      .filter((_, i) => i % 9 === 0)
      .map((d) => fixture.aRefundOf(d, Math.ceil(d.amountMinor / 4)));
    const wave = [...donations, ...refunds, ...published.filter((_, i) => i % 11 === 0)];
    for (let from = 0; from < wave.length; from += 2_000) {
      await fixture.publish(wave.slice(from, from + 2_000));
    }
    await fixture.republish(fixture.sent.length - 500, fixture.sent.length);
    published.push(...wave);
  }

  /** The members of the group that hold partitions right now. */
  async function assignedMembers(): Promise<number> {
    const admin = fixture.kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.describeGroups([fixture.config.STATISTICS_GROUP_ID]);
      return (groups[0]?.members ?? []).filter((m) => m.memberAssignment.length > 0).length;
    } finally {
      await admin.disconnect();
    }
  }

  it('counts every distinct event once while partitions move between the instances', async () => {
    await publishWave(0);
    const total = await fixture.unconsumed();
    const first = await startInstance('a');
    await waitFor(async () => (await fixture.unconsumed()) < total, {
      timeoutMs: 60_000,
      intervalMs: 20,
      description: 'instance a applying batches',
    });
    await startInstance('b');
    await publishWave(1);
    await waitFor(async () => (await assignedMembers()) === 2, {
      timeoutMs: 60_000,
      description: 'both instances holding partitions',
    });
    await publishWave(2);
    // Instance a leaves mid-stream (wave 2 just sent): its partitions move to b.
    const leftAtLeave = await fixture.unconsumed();
    await first.stop();
    running.splice(running.indexOf(first), 1);
    await publishWave(3);
    await waitFor(async () => (await fixture.unconsumed()) === 0, {
      timeoutMs: 120_000,
      intervalMs: 100,
      description: 'stored offsets at the end of every partition',
    });
    const [second] = running;
    const response = await fetch(`http://127.0.0.1:${second.port}/stats/overview`);
    const { overview, state } = overviewAndState(
      (await response.json()) as Record<string, unknown>,
    );
    expect(state).toEqual({ status: 'live' });
    await expectStatsToMatchGroundTruth(fixture.redis, overview, published);
    // eslint-disable-next-line no-console -- the figures of the run belong in the test output
    console.info(`statistics group test: ${leftAtLeave} messages unconsumed when a left`);
  }, 300_000);
});
