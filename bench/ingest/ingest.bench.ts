import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { currentEnv } from '@donations/config';
import { TOPIC_SPECS, TOPICS } from '@donations/contracts';
import { BenchStack } from '../common/bench-stack';
import { monotonicUs } from '../common/consumer-timing';
import { ServiceProcess } from '@donations/testing';
import { IngestBenchConfig, loadIngestBenchConfig } from './bench.config';
import { BenchOutcome, MeasuredPhase, report } from './bench-report';
import { BENCH_OPERATOR_TOKEN, benchProjectIds, registerBenchCampaigns } from './campaign-registry';
import { formatSummary, profileOf, summarizeProfile } from '../common/cpu-profile-summary';
import { cpuShare, sampleCpu } from '../common/cpu-usage';
import { statusCounts, summarize } from './latency-stats';
import { LoadDriver } from './load-driver';
import { DURABLE_NOOP_PATH, DURABLE_NOOP_TOPIC } from './durable-noop.controller';
import { NOOP_PATH } from './noop.controller';
import { benchSecret, BenchRequest, DonationWebhooks } from './webhook-requests';

/**
 * Signed Standard Webhooks per second through one adapter-shuidi process to acknowledged Kafka
 * writes, side by side with two baselines on the same server in the same run: a no-op POST, and
 * a durable no-op that makes one acknowledged Kafka write of the body through the same producer. Run it with
 * `npm run bench:ingest` (see bench/ingest/README.md).
 */
const WEBHOOK_PATH = '/webhooks/shuidi';
const repoRoot = resolve(__dirname, '../../..');
const outDir = resolve(repoRoot, '.cache/bench');
const profileDir = resolve(outDir, 'profiles');

async function measure(
  driver: LoadDriver,
  adapter: ServiceProcess,
  route: string,
  requests: readonly BenchRequest[],
): Promise<MeasuredPhase> {
  const before = sampleCpu(adapter.pid);
  const from = monotonicUs();
  const result = await driver.run(route, requests);
  const windowUs: [number, number] = [from, monotonicUs()];
  return { ...result, cpu: cpuShare(before, sampleCpu(adapter.pid)), windowUs };
}

/** Every route until JIT, connections, the producer and the registry cache are warm. */
async function warmUp(driver: LoadDriver, webhooks: DonationWebhooks, count: number) {
  for (const route of [NOOP_PATH, DURABLE_NOOP_PATH, WEBHOOK_PATH]) {
    const phase = await driver.run(route, webhooks.next(count));
    if (summarize(route, [phase]).failed > 0) {
      throw new Error(`warm-up of ${route} got ${statusCounts([phase])}; see the adapter log`);
    }
  }
}

/** Rounds alternate no-op, durable no-op and adapter, so the machine's noise falls on all alike. */
async function measureRounds(
  config: IngestBenchConfig,
  driver: LoadDriver,
  adapter: ServiceProcess,
  webhooks: DonationWebhooks,
): Promise<Pick<BenchOutcome, 'noop' | 'durable' | 'webhook'>> {
  const noop: MeasuredPhase[] = [];
  const durable: MeasuredPhase[] = [];
  const webhook: MeasuredPhase[] = [];
  const phase = (route: string) =>
    measure(driver, adapter, route, webhooks.next(config.BENCH_REQUESTS));
  for (let round = 0; round < config.BENCH_ROUNDS; round++) {
    noop.push(await phase(NOOP_PATH));
    durable.push(await phase(DURABLE_NOOP_PATH));
    webhook.push(await phase(WEBHOOK_PATH));
  }
  return { noop, durable, webhook };
}

const accepted = (phases: readonly MeasuredPhase[]): number =>
  phases.reduce((sum, phase) => sum + phase.statuses.filter((status) => status === 204).length, 0);

function adapterEnv(config: IngestBenchConfig, stack: BenchStack, secret: string) {
  return {
    ...currentEnv(),
    KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
    TOPIC_PREFIX: stack.prefix,
    DATABASE_URL: config.DATABASE_URL,
    DATABASE_SCHEMA: stack.schema,
    DONOR_HASH_KEY: 'ingest-bench-donor-hash-key-0123456789abcdef',
    SHUIDI_WEBHOOK_SECRETS: secret,
    OPERATOR_TOKEN: BENCH_OPERATOR_TOKEN,
    LOG_LEVEL: config.BENCH_LOG_LEVEL,
  };
}

function printHeader(config: IngestBenchConfig): void {
  console.log(
    `ingest bench: adapter-shuidi (Standard Webhooks) in one process; Node ${process.version}; ` +
      `${availableParallelism()} x ${cpus()[0]?.model ?? 'cpu'}; load average ${loadavg()[0].toFixed(2)}`,
  );
  console.log(
    `${config.BENCH_CONNECTIONS} connections (${config.BENCH_CLIENT} client); ` +
      `${config.BENCH_WARMUP} warm-up + ${config.BENCH_ROUNDS} x ${config.BENCH_REQUESTS} ` +
      `requests per route; ${config.BENCH_CAMPAIGNS} campaigns; adapter LOG_LEVEL=${config.BENCH_LOG_LEVEL}`,
  );
}

function printProfile(pid: number, webhook: readonly MeasuredPhase[]): void {
  const file = profileOf(profileDir, pid);
  if (file === undefined) {
    console.log(`no CPU profile of process ${pid} in ${profileDir}`);
    return;
  }
  const summary = summarizeProfile(
    file,
    webhook.map((phase) => phase.windowUs),
  );
  console.log(`\n${formatSummary(summary, 'adapter CPU profile, measured adapter phases only')}`);
  console.log(`profile: ${file} (open in Chrome DevTools > Performance, or VS Code)`);
}

/** One run: the adapter process and the load against it; cleaned up once, even on Ctrl-C. */
class BenchRun {
  private adapter?: ServiceProcess;
  private driver?: LoadDriver;
  private cleaning?: Promise<void>;
  private readonly secret: string;

  constructor(
    private readonly config: IngestBenchConfig,
    private readonly stack: BenchStack,
    private readonly projectIds: readonly string[],
    private readonly durableTopic: string,
  ) {
    this.secret = benchSecret(stack.run);
  }

  /** Measures both routes and checks Kafka; resolves with the adapter's pid and the figures. */
  async measure(): Promise<{ pid: number; outcome: BenchOutcome }> {
    const { config, stack } = this;
    const adapter = await ServiceProcess.start({
      entry: resolve(__dirname, 'bench-app.main.js'),
      env: adapterEnv(config, stack, this.secret),
      logFile: resolve(outDir, 'adapter-shuidi.log'),
      nodeFlags: [
        // kafkajs 2.2.4 schedules a negative timeout on Node 24 (harmless; see deploy/local).
        '--disable-warning=TimeoutNegativeWarning',
        ...(config.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      ],
    });
    this.adapter = adapter;
    await registerBenchCampaigns(`http://127.0.0.1:${adapter.port}`, this.projectIds);
    this.driver = new LoadDriver(adapter.port, config.BENCH_CONNECTIONS, config.BENCH_CLIENT);
    const webhooks = new DonationWebhooks(this.secret, stack.run, this.projectIds);
    await warmUp(this.driver, webhooks, config.BENCH_WARMUP);
    const measured = await measureRounds(config, this.driver, adapter, webhooks);
    const kafka = {
      acknowledged: await stack.normalizedCount(),
      expected: accepted(measured.webhook) + config.BENCH_WARMUP,
      durableAcknowledged: await stack.rawMessageCount(this.durableTopic),
      durableExpected: accepted(measured.durable) + config.BENCH_WARMUP,
    };
    return { pid: adapter.pid, outcome: { ...measured, kafka } };
  }

  /** Stops the adapter (which writes its profile) and drops the run's topics and schema. */
  cleanUp(): Promise<void> {
    this.cleaning ??= (async () => {
      this.driver?.close();
      await this.adapter?.stop();
      const { stack } = this;
      if (this.config.BENCH_KEEP)
        console.log(`kept topics ${stack.prefix}* and schema ${stack.schema}`);
      else await stack.drop();
      await stack.disconnect();
    })();
    return this.cleaning;
  }
}

async function main(): Promise<boolean> {
  const config = loadIngestBenchConfig();
  mkdirSync(profileDir, { recursive: true });
  printHeader(config);
  const stack = await BenchStack.create({
    brokers: config.KAFKA_BROKERS,
    databaseUrl: config.DATABASE_URL,
  });
  // Registered through the adapter's operator API once it runs (BenchRun.measure).
  const projectIds = benchProjectIds(config.BENCH_CAMPAIGNS);
  // The durable no-op's sink: as many partitions as donations.normalized.v1.
  const durableTopic = await stack.createTopic(
    DURABLE_NOOP_TOPIC,
    TOPIC_SPECS[TOPICS.donationsNormalized].partitions,
  );
  console.log(`topics ${stack.prefix}*, schema ${stack.schema}; starting the adapter`);
  const run = new BenchRun(config, stack, projectIds, durableTopic);
  // Ctrl-C leaves no topics or schema behind on the shared stack.
  const interrupted = () => void run.cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    const { pid, outcome } = await run.measure();
    await run.cleanUp();
    const ok = report(config, outcome, outDir);
    if (config.BENCH_CPU_PROF) printProfile(pid, outcome.webhook);
    return ok;
  } finally {
    await run.cleanUp();
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
