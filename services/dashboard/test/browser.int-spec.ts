import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { PLATFORMS } from '@donations/contracts';
import { LocalSystem, REPO_ROOT, requiredEnv, serviceEntry, waitFor } from '@donations/testing';
import type { RunSummary } from '../../simulator/src/report/run-summary';
import {
  csvSummary,
  download,
  figuresOfTruth,
  OperatorRegistry,
  SummaryFigures,
  xlsxSummary,
} from './backoffice.browser-helpers';

/** Debian's Chromium (browsers cannot be downloaded here); deploy/local/test-all installs it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The README shows these screenshots, taken by the tests below. */
const SCREENSHOT = join(REPO_ROOT, 'docs/dashboard.png');
const BACKOFFICE_SCREENSHOT = join(REPO_ROOT, 'docs/backoffice.png');
const CHECK_SCREENSHOT = join(REPO_ROOT, 'docs/check.png');

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
  /** The giving day's summary, once the first test has played it (the others reuse it). */
  let played: RunSummary | undefined;

  function summaryOfTheRun(): RunSummary {
    if (played === undefined) throw new Error('the giving day (the first test) did not complete');
    return played;
  }

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
    played = summary;
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

  /** The figures of the report's "汇总 Summary" rows of a currency on its printable page. */
  async function printedSummary(page: Page, currency: string): Promise<SummaryFigures[]> {
    const rows: SummaryFigures[] = [];
    for (const row of await page.locator('tbody tr').all()) {
      const cells = await row.locator('td').allTextContents();
      if (cells.length === 9 && cells[0] === currency) {
        const [, , raisedMinor, , refundedMinor, , netMinor, donationCount, refundCount] = cells;
        rows.push({ raisedMinor, refundedMinor, netMinor, donationCount, refundCount });
      }
    }
    return rows;
  }

  it('the back office: a charity of the run picked by name shows totals and reports equal to the ground truth, an overdue disclosure flagged and a recorded one done', async () => {
    const summary = summaryOfTheRun();
    const [uscc, truth] = Object.entries(summary.groundTruth.charities).find(
      ([, byCurrency]) => byCurrency.CNY !== undefined,
    )!;
    const expected = figuresOfTruth(truth.CNY);
    // A campaign of 2025 registered for the charity: its final disclosure was due 2026-03-31.
    const registry = new OperatorRegistry(system.url('adapter-shuidi'), system.secretsDir);
    const closed = `closed-2025-${uscc.slice(-6)}`;
    await registry.client.addCampaign({
      platform: 'shuidi',
      platformProjectId: `sd-${closed}`,
      campaignId: closed,
      charityId: uscc,
      title: '2025年度助学项目',
      startsOn: '2025-01-01',
      endsOn: '2025-12-31',
    });
    await registry.recordDisclosure({
      campaignId: closed,
      kind: 'progress',
      periodStart: '2025-01-01',
      periodEnd: '2025-03-31',
      madeOn: '2025-04-20',
      link: 'https://cszg.mca.gov.cn/platform/show/disclosure-2025-q1',
    });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${system.url('dashboard')}/backoffice`);
    await page.getByTestId('access-banner').waitFor({ state: 'visible' });
    expect(await page.getByTestId('access-banner').textContent()).toContain('本机访问');
    await page.getByTestId('charity-search').fill(await registry.charityName(uscc));
    await page.locator(`[data-testid="charity-option"][data-uscc="${uscc}"]`).click();
    await page.locator(`[data-testid="charity-summary"][data-uscc="${uscc}"]`).waitFor();

    const total = page.locator('[data-testid="charity-total"][data-currency="CNY"]');
    expect({
      raisedMinor: await total.getAttribute('data-raised-minor'),
      refundedMinor: await total.getAttribute('data-refunded-minor'),
      netMinor: await total.getAttribute('data-net-minor'),
      donationCount: await total.getAttribute('data-donation-count'),
    }).toEqual({ ...expected, refundCount: undefined });
    const row = (kind: string) =>
      page.locator(
        `[data-testid="disclosure-row"][data-campaign="${closed}"][data-kind="${kind}"]`,
      );
    expect(await row('final').getAttribute('data-status')).toBe('overdue');
    expect(
      await row('progress')
        .and(page.locator('[data-period-start="2025-01-01"]'))
        .getAttribute('data-status'),
    ).toBe('done');
    expect(
      Number(await page.getByTestId('overdue-count').getAttribute('data-count')),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: BACKOFFICE_SCREENSHOT, fullPage: true });

    const link = (format: string) =>
      `[data-testid="report-link"][data-scope="charity"][data-id="${uscc}"][data-period="all"][data-format="${format}"]`;
    expect(await csvSummary(await download(page, link('csv')), 'CNY')).toEqual([expected]);
    expect(await xlsxSummary(await download(page, link('xlsx')), 'CNY')).toEqual([expected]);
    const report = await browser.newPage();
    await report.goto(
      new URL((await page.locator(link('html')).getAttribute('href'))!, page.url()).href,
    );
    expect(await printedSummary(report, 'CNY')).toEqual([expected]);
    await Promise.all([report.close(), page.close()]);
  }, 120_000);

  it('the public check on a phone: a counted donation found with its campaign, a refunded one shown refunded, a made-up number not seen', async () => {
    const { samples } = summaryOfTheRun().groundTruth;
    const counted = samples.counted.find((sample) => /\d{6}$/.test(sample.txn));
    const refunded = samples.refunded[0];
    if (counted === undefined || refunded === undefined) {
      throw new Error(`the run gave no counted or no refunded sample: ${JSON.stringify(samples)}`);
    }
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    /** The answer of the page, opened afresh, for one platform transaction. */
    async function check(platform: string, txn: string) {
      await page.goto(`${system.url('dashboard')}/check`);
      await page.getByTestId('check-platform').selectOption(platform);
      await page.getByTestId('check-txn').fill(txn);
      await page.getByTestId('check-submit').click();
      const result = page.getByTestId('check-result');
      await result.waitFor();
      return {
        status: await result.getAttribute('data-status'),
        campaign: await result.getAttribute('data-campaign'),
      };
    }
    // Another number of the same shape: its last six digits moved by half a million.
    const madeUp = counted.txn.replace(/\d{6}$/, (digits) =>
      String((Number(digits) + 500_000) % 1_000_000).padStart(6, '0'),
    );

    expect(await check(refunded.platform, refunded.txn)).toEqual({
      status: 'refunded',
      campaign: refunded.campaignId,
    });
    expect(await check(counted.platform, madeUp)).toMatchObject({ status: 'not_seen' });
    expect(await check(counted.platform, counted.txn)).toEqual({
      status: 'counted',
      campaign: counted.campaignId,
    });
    // Made for a phone: nothing wider than its screen.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: CHECK_SCREENSHOT, fullPage: true });
    await page.close();
  }, 120_000);
});
