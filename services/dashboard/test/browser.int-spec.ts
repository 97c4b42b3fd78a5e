import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { PLATFORMS } from '@donations/contracts';
import { LocalSystem, REPO_ROOT, requiredEnv, serviceEntry, waitFor } from '@donations/testing';
import type { RunSummary } from '../../simulator/src/report/run-summary';

/** Debian's Chromium (browsers cannot be downloaded here); deploy/local/test-all installs it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The README shows this screenshot, taken at the end of the run. */
const SCREENSHOT = join(REPO_ROOT, 'docs/dashboard.png');

const run = promisify(execFile);

/** An attribute of the element with that data-testid; undefined while there is none. */
async function attributeOf(page: Page, testId: string, name: string): Promise<string | undefined> {
  const element = page.getByTestId(testId);
  if ((await element.count()) === 0) return undefined;
  return (await element.first().getAttribute(name)) ?? undefined;
}

/** What the page shows in its key figures (data attributes of the elements, not their text). */
async function figuresOnPage(page: Page) {
  return {
    netCny: await attributeOf(page, 'grand-total-CNY', 'data-minor'),
    donations: await attributeOf(page, 'donation-count', 'data-count'),
    state: await attributeOf(page, 'status', 'data-state'),
  };
}

describe('the live dashboard in headless Chromium while the simulator plays a giving day', () => {
  let system: LocalSystem;
  let browser: Browser;

  beforeAll(async () => {
    system = await LocalSystem.start([
      ...PLATFORMS.map((platform) => `adapter-${platform}`),
      'aggregator',
      'statistics',
      'dashboard',
    ]);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  /** The simulator as a user runs it, against this system; resolves when it has checked. */
  function simulate(summaryFile: string): Promise<{ code: number; output: string }> {
    const args = [
      ...['--duration', '30', '--rate', '6', '--burst', '6', '--seed', '20261125'],
      ...['--campaigns', '8', '--charities', '4', '--retry-scale', '0.002'],
      ...['--drain-timeout', '60', '--check-timeout', '90'],
      ...PLATFORMS.flatMap((p) => [`--${p}-url`, system.url(`adapter-${p}`)]),
      ...['--aggregator-url', system.url('aggregator')],
      ...['--statistics-url', system.url('statistics')],
      ...['--secrets-dir', system.secretsDir, '--summary-file', summaryFile],
      ...['--brokers', requiredEnv('KAFKA_BROKERS'), '--topic-prefix', system.prefix],
    ];
    return run('node', [serviceEntry('simulator'), ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    }).then(
      ({ stdout }) => ({ code: 0, output: stdout }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({
        code: error.code ?? -1,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
  }

  it('sees the totals move, then match the simulator ground truth, and saves a screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1100 } });
    await page.goto(system.url('dashboard'));
    await waitFor(async () => (await figuresOnPage(page)).state === 'live', {
      description: 'the page connected and caught up with the topics',
    });
    expect([undefined, '0']).toContain((await figuresOnPage(page)).netCny);

    const summaryFile = join(system.workDir, 'summary.json');
    const simulator = simulate(summaryFile);
    // While the simulator sends, the grand total ticks: it changes on the open page.
    const seen: string[] = [];
    await waitFor(
      async () => {
        const { netCny } = await figuresOnPage(page);
        if (netCny !== undefined && netCny !== seen.at(-1)) seen.push(netCny);
        return seen.length >= 4;
      },
      { timeoutMs: 90_000, intervalMs: 250, description: 'the grand total moving on the page' },
    );

    const result = await simulator;
    expect({ code: result.code, tail: result.output.slice(-2_000) }).toMatchObject({ code: 0 });
    const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as RunSummary;
    expect(summary.check.result).toBe('PASS');
    const expected = {
      netCny: String(summary.groundTruth.grandTotals.CNY.netMinor),
      donations: String(summary.groundTruth.donationCount),
      state: 'live',
    };
    await waitFor(
      async () => JSON.stringify(await figuresOnPage(page)) === JSON.stringify(expected),
      { timeoutMs: 30_000, description: "the page's totals equal to the ground truth" },
    );
    expect(await page.getByTestId('grand-total-CNY').textContent()).toContain(
      (summary.groundTruth.grandTotals.CNY.netMinor / 100).toLocaleString('en-US', {
        minimumFractionDigits: 2,
      }),
    );
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  }, 300_000);
});
