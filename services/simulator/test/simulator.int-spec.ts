import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DeadLetter, Platform, PLATFORMS, TOPICS } from '@donations/contracts';
import {
  LocalSystem,
  REPO_ROOT,
  requiredEnv,
  serviceEntry,
  TopicCollector,
  waitFor,
} from '@donations/testing';
import type { RunSummary } from '../src/report/run-summary';
import { FlakyProxy } from './flaky-proxy';

const run = promisify(execFile);

/** The simulator as a user runs it; resolves with its exit code and output. */
async function simulate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [serviceEntry('simulator'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('traffic simulator against the real adapters and aggregator', () => {
  let system: LocalSystem;
  let proxy: FlakyProxy;

  beforeAll(async () => {
    system = await LocalSystem.start(
      [...PLATFORMS.map((p) => `adapter-${p}`), 'aggregator', 'statistics'],
      { readyTimeoutMs: 180_000 },
    );
    // WeChat Pay's notifications go through a gateway that drops some and loses some answers.
    proxy = await FlakyProxy.start(system.url('adapter-tencent'), 5, 7);
  }, 300_000);

  afterAll(async () => {
    await proxy?.close();
    await system?.stop();
  });

  const url = (platform: Platform) =>
    platform === 'tencent' ? proxy.url : system.url(`adapter-${platform}`);

  it('plays a giving day and finds the aggregator, its topics and the statistics at the ground truth', async () => {
    const summaryFile = join(system.workDir, 'summary.json');
    const result = await simulate([
      ...['--duration', '20', '--rate', '6', '--burst', '8', '--seed', '20260909'],
      ...['--campaigns', '6', '--charities', '3', '--retry-scale', '0.002'],
      ...['--malformed-rate', '0.05', '--refund-rate', '0.15', '--duplicate-rate', '0.1'],
      ...['--late-rate', '0.05', '--drain-timeout', '60', '--check-timeout', '90'],
      ...PLATFORMS.flatMap((platform) => [`--${platform}-url`, url(platform)]),
      ...['--aggregator-url', system.url('aggregator')],
      ...['--statistics-url', system.url('statistics')],
      ...['--secrets-dir', system.secretsDir, '--summary-file', summaryFile],
      ...['--brokers', requiredEnv('KAFKA_BROKERS'), '--topic-prefix', system.prefix],
    ]);
    expect({
      code: result.code,
      stderr: result.stderr,
      tail: result.stdout.slice(-3000),
    }).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('check: PASS');

    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary;
    expect(summary.state).toBe('finished');
    expect(summary.check.result).toBe('PASS');
    expect(summary.check.differences).toEqual([]);
    expect(summary.groundTruth.donationCount).toBeGreaterThan(100);
    expect(summary.groundTruth.grandTotals.CNY.refundCount).toBeGreaterThan(0);
    for (const platform of PLATFORMS) {
      expect(summary.requests.byPlatform[platform].accepted).toBeGreaterThan(0);
    }
    // The gateway's failures were retried as WeChat Pay retries, and still counted once.
    expect(proxy.dropped + proxy.lost).toBeGreaterThan(0);
    expect(summary.requests.byPlatform.tencent.retried).toBeGreaterThanOrEqual(
      proxy.dropped + proxy.lost,
    );
    expect(summary.malformedSent).toBeGreaterThan(3);
    expect(summary.malformedRejected).toBe(summary.malformedSent);
    expect(summary.anomalies.count).toBe(0);

    await expectMalformedOnDlq(summary.malformedRejected);
    await expectViralCampaignServed(summary);
    const { total } = summary.requests;
    // eslint-disable-next-line no-console -- the run's figures belong in the test output
    console.info(
      `simulator: ${summary.groundTruth.donationCount} donations, ${total.sent} requests ` +
        `(${total.retried} retries), ${summary.malformedRejected} malformed on the DLQ; the ` +
        `gateway dropped ${proxy.dropped} and lost ${proxy.lost} answers; PASS after ` +
        `${summary.check.waitedMs} ms`,
    );
  }, 300_000);

  /** Independently of the simulator: its rejected requests are on this test's donations.dlq. */
  async function expectMalformedOnDlq(count: number): Promise<void> {
    const dlq = await TopicCollector.start<DeadLetter>(system.kafka, TOPICS.dlq, system.prefix);
    try {
      const fromSimulator = () =>
        dlq.values().filter((letter) => letter.correlationId?.startsWith('sim-'));
      await waitFor(() => new Set(fromSimulator().map((l) => l.correlationId)).size >= count, {
        timeoutMs: 30_000,
        description: `${count} malformed requests on donations.dlq`,
      });
      const reasons = new Set(fromSimulator().map((letter) => letter.reason));
      expect(
        reasons.has('WEBHOOK.SIGNATURE_INVALID') || reasons.has('WEBHOOK.TIMESTAMP_STALE'),
      ).toBe(true);
    } finally {
      await dlq.stop();
    }
  }

  /** The hot campaign as a user asks the aggregator for it: the simulator's numbers. */
  async function expectViralCampaignServed(summary: RunSummary): Promise<void> {
    const [viral, expected] = Object.entries(summary.groundTruth.campaigns).sort(
      (a, b) => (b[1].CNY?.donationCount ?? 0) - (a[1].CNY?.donationCount ?? 0),
    )[0];
    const response = await fetch(`${system.url('aggregator')}/campaigns/${viral}`);
    const view = (await response.json()) as { totals: Record<string, Record<string, string>> };
    expect(view.totals.CNY).toMatchObject({
      raisedMinor: String(expected.CNY.raisedMinor),
      refundedMinor: String(expected.CNY.refundedMinor),
      donationCount: String(expected.CNY.donationCount),
    });
  }
});
