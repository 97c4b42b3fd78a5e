import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { createKafkaClient } from '@donations/kafka';
import { buildCatalog, CampaignCatalog } from './catalog/campaign-catalog';
import { operatorTokenIn, seedCampaignRegistry } from './catalog/registry-seeder';
import { AggregateTopicsReader } from './check/aggregate-topics.reader';
import { AggregatorClient } from './check/aggregator-client';
import { StatisticsClient } from './check/statistics-client';
import { CheckResult, SystemCheck } from './check/system-check';
import type { SimulatorOptions } from './cli/simulator-options';
import { sleep } from './delivery/interruptible-sleep';
import { rfc3339Beijing } from './platforms/beijing-time';
import { loadPlatformKeys } from './platforms/platform-keys';
import { ProgressPrinter } from './report/progress';
import {
  addGrandTotals,
  checkSection,
  grandTotalsOf,
  RunSummary,
  sumTopicTotals,
  truthSection,
  writeSummaryFile,
} from './report/run-summary';
import { printSummary } from './report/summary-printer';
import type { Terminal } from './report/terminal';
import { buildTraffic, Traffic } from './run/traffic';

const CATCH_UP_TIMEOUT_MS = 60_000;

/**
 * One simulator run: register the run's campaigns, start reading the aggregate topics (to know
 * the system's totals before the run), send the giving day's traffic, then compare the system
 * with the ground truth and report. Exit code 0 on PASS (or no check), 1 on FAIL, 130 when
 * interrupted.
 */
export class Simulator {
  private readonly stop = new AbortController();
  private interrupted = false;
  readonly run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;

  constructor(
    private readonly options: SimulatorOptions,
    private readonly terminal: Terminal,
  ) {
    // Every wait and every request in flight listens for the stop.
    setMaxListeners(0, this.stop.signal);
  }

  /** Ctrl-C: stop sending, skip the check, still print and write the summary. */
  interrupt(): void {
    this.interrupted = true;
    this.stop.abort();
  }

  async execute(): Promise<number> {
    const { options } = this;
    const keys = await loadPlatformKeys(options.secretsDir);
    const catalog = buildCatalog(this.run, options.campaigns, options.charities);
    await this.register(catalog);
    const reader = options.check ? await this.startReader() : undefined;
    try {
      const baseline = reader ? sumTopicTotals(reader.allCampaignTotals()) : undefined;
      const traffic = buildTraffic(this.run, options, keys, catalog, this.stop);
      const summary = (state: RunSummary['state'], check?: CheckResult) =>
        this.summary(traffic, state, baseline, check);
      await this.writeSummary(summary('running'));
      await this.send(traffic);
      const check =
        reader && !this.interrupted ? await this.check(traffic, catalog, reader) : undefined;
      const final = summary(this.interrupted ? 'interrupted' : 'finished', check);
      printSummary(this.terminal, final);
      await this.writeSummary(final);
      if (this.interrupted) return 130;
      return check && !check.passed ? 1 : 0;
    } finally {
      await reader?.stop();
    }
  }

  private async register(catalog: CampaignCatalog): Promise<void> {
    const { registryUrl, seed } = this.options;
    const operatorToken = this.options.operatorToken ?? operatorTokenIn(this.options.secretsDir);
    const entries = await seedCampaignRegistry({ url: registryUrl, operatorToken }, catalog);
    this.terminal.line(
      `simulator run ${this.run} (seed ${seed}): registered ${catalog.campaigns.length} campaigns ` +
        `of ${catalog.charityIds.length} charities (${entries} registrations through ` +
        `${registryUrl}); viral campaign ${catalog.campaigns[0].campaignId}`,
    );
  }

  /** Reads the aggregate topics from the beginning until it has what was there at the start. */
  private async startReader(): Promise<AggregateTopicsReader> {
    const { brokers, topicPrefix } = this.options;
    const kafka = createKafkaClient({ brokers, clientId: `simulator-${this.run}` });
    const reader = await AggregateTopicsReader.start(
      kafka,
      topicPrefix,
      `simulator-${this.run}`,
      `sim-${this.run}-`,
    );
    const deadline = Date.now() + CATCH_UP_TIMEOUT_MS;
    while (!reader.caughtUp()) {
      if (Date.now() > deadline || !(await sleep(250, this.stop.signal))) {
        await reader.stop();
        throw new Error(
          `could not read the aggregate topics (prefix '${topicPrefix}') to their end`,
        );
      }
    }
    this.terminal.line(`read the aggregate topics${topicPrefix ? ` (prefix ${topicPrefix})` : ''}`);
    return reader;
  }

  private async send(traffic: Traffic): Promise<void> {
    const { durationSeconds, rate, burst } = this.options;
    this.terminal.line(
      `sending for ${durationSeconds} s: ${rate} donations/s, x${burst} when matching opens at ` +
        `10:00 (simulated ${rfc3339Beijing(traffic.profile.startsAt)} onwards)`,
    );
    const progress = new ProgressPrinter(
      this.terminal,
      traffic.stats,
      () => traffic.run.state(),
      durationSeconds,
    );
    progress.start();
    try {
      await traffic.run.run();
    } finally {
      progress.stop();
    }
  }

  private async check(
    traffic: Traffic,
    catalog: CampaignCatalog,
    reader: AggregateTopicsReader,
  ): Promise<CheckResult> {
    const { statisticsUrl } = this.options;
    const check = new SystemCheck(
      new AggregatorClient(this.options.aggregatorUrl),
      reader,
      catalog,
      statisticsUrl === undefined ? undefined : new StatisticsClient(statisticsUrl),
    );
    this.terminal.line(
      'checking the aggregator (HTTP) and the aggregate topics against the ground truth' +
        (statisticsUrl === undefined ? '' : ", and the statistics against the aggregator's"),
    );
    const result = await check.untilMatch(
      traffic.truth,
      traffic.stats.deadLettered,
      this.options.checkTimeoutSeconds * 1000,
      (found) =>
        this.terminal.block([`  waiting: ${found.length} difference(s), e.g. ${found[0]}`]),
      this.stop.signal,
    );
    const anomalies = traffic.stats.anomalies.map(
      (a) => `${a.platform} ${a.correlationId}: ${a.what}`,
    );
    const inDoubt = traffic.stats.inDoubt;
    const notes =
      !result.passed && inDoubt > 0 ? [`${inDoubt} delivery(ies) in doubt (never answered)`] : [];
    const differences = [...result.differences, ...anomalies, ...notes];
    return { ...result, passed: differences.length === 0, differences };
  }

  private summary(
    traffic: Traffic,
    state: RunSummary['state'],
    baseline: ReturnType<typeof sumTopicTotals> | undefined,
    check: CheckResult | undefined,
  ): RunSummary {
    const { stats, truth, profile } = traffic;
    return {
      run: this.run,
      seed: this.options.seed,
      state,
      startedAt: traffic.startedAt.toISOString(),
      finishedAt: state === 'running' ? null : new Date().toISOString(),
      simulated: {
        day: this.options.day,
        from: rfc3339Beijing(profile.startsAt),
        to: rfc3339Beijing(profile.endsAt),
      },
      requests: { byPlatform: stats.byPlatform, total: stats.totals() },
      donationsStarted: stats.donationsStarted,
      donationsNotStarted: traffic.run.notStarted,
      malformedSent: stats.malformedSent,
      malformedRejected: stats.deadLettered.length,
      inDoubt: stats.inDoubt,
      anomalies: { count: stats.anomalyCount, examples: stats.anomalies },
      groundTruth: truthSection(truth),
      system: baseline
        ? { baseline, expected: addGrandTotals(baseline, grandTotalsOf(truth.grandTotals())) }
        : null,
      check: checkSection(check),
    };
  }

  private async writeSummary(summary: RunSummary): Promise<void> {
    if (this.options.summaryFile) await writeSummaryFile(this.options.summaryFile, summary);
  }
}
