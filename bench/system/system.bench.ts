import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { BenchStack } from '../common/bench-stack';
import { serialise } from '../ingest/http1-connection';
import { DonationWebhooks } from '../ingest/webhook-requests';
import { FreshnessWatcher } from './freshness-watcher';
import { OpenLoopDriver } from './open-loop-driver';
import { RatePhase, summarizeRate } from './rate-summary';
import { partiesOf, partyCores, sampleParties, stackPids, StackPids } from './service-cpu';
import { loadSystemBenchConfig, SystemBenchConfig } from './system-bench.config';
import { SystemCampaigns } from './system-campaigns';
import { rateLine, report } from './system-report';
import { REPO_ROOT, serviceSettings, systemServices, SystemUnderBench } from './system-under-bench';

/**
 * The whole system (every service its own process, on the shared stack) driven with signed
 * Standard Webhooks at steady rates; per rate the accepted rate, the answer latency, the
 * freshness of each donation on aggregates.campaign-totals.v1 and stats.overview.v1, the counts
 * and the CPU per service. Run it with `npm run bench:system` (see bench/system/README.md).
 */
const WEBHOOK_PATH = '/webhooks/shuidi';
const ADAPTER = 'adapter-shuidi';
const outDir = resolve(REPO_ROOT, '.cache/bench');

const portOf = (url: string): number => Number(new URL(url).port);

/** Polls (a bench, not a test) until `done` or `timeoutMs`; resolves with whether it got there. */
async function until(done: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

class SystemBench {
  private next = 0;

  constructor(
    private readonly config: SystemBenchConfig,
    private readonly sut: SystemUnderBench,
    private readonly watcher: FreshnessWatcher,
    private readonly webhooks: DonationWebhooks,
    private readonly stack: StackPids,
  ) {}

  /** Offers `rate` webhooks/s for `seconds`, then waits for every accepted one on both topics. */
  async offer(rate: number, seconds: number): Promise<RatePhase> {
    const { config, sut, watcher } = this;
    const port = sut.service(ADAPTER).port;
    const count = rate * seconds;
    const from = this.next;
    this.next += count;
    const wire = this.webhooks
      .next(count)
      .map(({ headers, body }) => serialise(port, WEBHOOK_PATH, headers, body));
    const pids = sut.pids();
    const driver = new OpenLoopDriver(port, config.BENCH_CONNECTIONS);
    const before = sampleParties(pids, this.stack);
    const result = await driver.run(wire, rate, seconds * 2_000 + 60_000);
    driver.close();
    const accepted = (index: number) => result.statuses[index - from] === 204;
    const drained = await until(
      () => watcher.seenOnBoth(from, from + count, accepted),
      config.BENCH_DRAIN_SECONDS * 1000,
    );
    const cores = partyCores(before, sampleParties(pids, this.stack));
    return { rate, from, count, result, cores, drained };
  }
}

function printHeader(config: SystemBenchConfig, services: readonly string[]): void {
  console.log(
    `system bench: ${services.join(', ')}, each its own process; Node ${process.version}; ` +
      `${availableParallelism()} x ${cpus()[0]?.model ?? 'cpu'}; load average ` +
      `${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    `signed Standard Webhooks to ${ADAPTER}, open loop at ${config.BENCH_RATES.join(', ')}/s for ` +
      `${config.BENCH_SECONDS} s each (drain <= ${config.BENCH_DRAIN_SECONDS} s); a new campaign per ` +
      `donation, ${config.BENCH_CAMPAIGNS_PER_CHARITY} per charity; services LOG_LEVEL=${config.BENCH_LOG_LEVEL}`,
  );
  const settings = Object.entries(serviceSettings(process.env));
  if (settings.length > 0) {
    console.log(
      `service settings: ${settings.map(([name, value]) => `${name}=${value}`).join(' ')}`,
    );
  }
}

async function main(): Promise<boolean> {
  const config = loadSystemBenchConfig();
  const services = systemServices(config);
  if (!services.includes(ADAPTER)) throw new Error(`BENCH_SERVICES must include ${ADAPTER}`);
  mkdirSync(outDir, { recursive: true });
  printHeader(config, services);
  const loadBefore = loadavg();
  const stack = await BenchStack.create({
    brokers: config.KAFKA_BROKERS,
    databaseUrl: config.DATABASE_URL,
  });
  const campaigns = new SystemCampaigns(stack.run, config.BENCH_CAMPAIGNS_PER_CHARITY);
  const warmupRate = config.BENCH_RATES[0];
  const total =
    warmupRate * config.BENCH_WARMUP_SECONDS +
    config.BENCH_RATES.reduce((sum, rate) => sum + rate * config.BENCH_SECONDS, 0);
  await campaigns.register(config.DATABASE_URL, stack.schema, total);
  const sut = await SystemUnderBench.prepare(config, stack);
  const watcher = new FreshnessWatcher(stack.kafka, stack, campaigns, total);
  let cleaning: Promise<void> | undefined;
  const cleanUp = () =>
    (cleaning ??= (async () => {
      await watcher.stop().catch(() => undefined);
      await sut.stop();
      await stack.disconnect();
    })());
  // Ctrl-C leaves no processes, topics, schema or Redis keys behind on the shared stack.
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    console.log(
      `topics ${stack.prefix}*, schema ${stack.schema}, Redis keys ${sut.redisPrefix}*; ` +
        `${total} campaigns registered; starting the services (logs in ${sut.workDir})`,
    );
    await sut.start(services);
    await watcher.start();
    const projectIds = Array.from({ length: total }, (_, i) => campaigns.projectId(i));
    const webhooks = new DonationWebhooks(sut.shuidiSecret, stack.run, projectIds);
    const [kafkaPort, redisPort] = [
      Number(config.KAFKA_BROKERS[0].split(':').pop()),
      portOf(config.REDIS_URL),
    ];
    const bench = new SystemBench(config, sut, watcher, webhooks, stackPids(kafkaPort, redisPort));
    const warm = await bench.offer(warmupRate, config.BENCH_WARMUP_SECONDS);
    const warmSummary = summarizeRate(warm, watcher.sightings, config.BENCH_FRESHNESS_MS);
    console.log(`warm-up: ${rateLine(warmSummary)}`);
    const phases: RatePhase[] = [];
    for (const rate of config.BENCH_RATES) {
      const phase = await bench.offer(rate, config.BENCH_SECONDS);
      console.log(rateLine(summarizeRate(phase, watcher.sightings, config.BENCH_FRESHNESS_MS)));
      phases.push(phase);
    }
    // Counted again at the end: a late total of an earlier rate counts there too.
    const final = phases.map((phase) =>
      summarizeRate(phase, watcher.sightings, config.BENCH_FRESHNESS_MS),
    );
    return report(
      config,
      final,
      partiesOf(sut.pids()),
      { services, loadAverageBefore: loadBefore, loadAverageAfter: loadavg(), warmUp: warmSummary },
      outDir,
    );
  } finally {
    await cleanUp();
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
  }
}

main().then(
  (ok) => {
    process.exitCode = ok ? 0 : 1;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
