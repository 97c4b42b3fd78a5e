import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { TOPICS } from '@donations/contracts';
import { BenchStack, newRunId } from '../common/bench-stack';
import { CleanUps, runBench } from '../common/bench-main';
import { printProfile } from '../common/profile-report';
import { AggregateBenchConfig, loadAggregateBenchConfig } from './aggregate-bench.config';
import { DatasetOutcome, report } from './aggregate-report';
import { RunContext, runAggregator, runRawConsumer } from './consumer-runs';
import { DatasetShape, DonationStream } from '../common/donation-stream';
import { loadTopic } from '../common/topic-loader';
import { checkTotals } from './totals-check';

/**
 * Events per second through the aggregator (the compiled service, its own process) from spawn
 * to every offset committed with the totals, side by side with a bare kafkajs consumer reading
 * the same topic in the same run; and the aggregator's peak RSS with 10,000 and with 1,000,000
 * campaigns. Run it with `npm run bench:aggregate` (see bench/aggregate/README.md).
 */
const repoRoot = resolve(__dirname, '../../..');
const outDir = resolve(repoRoot, '.cache/bench');
const profileDir = resolve(outDir, 'profiles');

interface Dataset {
  label: string;
  tag: string;
  shape: DatasetShape;
  /** Profile the aggregator on this dataset when BENCH_CPU_PROF is set. */
  profile: boolean;
}

function datasets(config: AggregateBenchConfig): Dataset[] {
  const events = config.BENCH_EVENTS;
  const charities = config.BENCH_CHARITIES;
  const throughput: Dataset = {
    label: `${config.BENCH_CAMPAIGNS} campaigns`,
    tag: 'a',
    shape: { events, campaigns: config.BENCH_CAMPAIGNS, charities, seed: 20261125 },
    profile: config.BENCH_CPU_PROF,
  };
  const memory: Dataset = {
    label: 'campaign per donation',
    tag: 'm',
    shape: { events, campaigns: 'per-donation', charities, seed: 20261126 },
    profile: false,
  };
  return config.BENCH_MEMORY_RUN ? [throughput, memory] : [throughput];
}

/** Stacks created so far, dropped once at the end (or on Ctrl-C) unless BENCH_KEEP. */
class Stacks {
  private readonly created: BenchStack[] = [];
  private cleaning?: Promise<void>;

  constructor(private readonly config: AggregateBenchConfig) {}

  async create(tag: string, run: string): Promise<BenchStack> {
    const stack = await BenchStack.create(
      { brokers: this.config.KAFKA_BROKERS, databaseUrl: this.config.DATABASE_URL, tag },
      run,
    );
    this.created.push(stack);
    return stack;
  }

  /** Drops one stack now (frees the broker's and PostgreSQL's disk before the next dataset). */
  async release(stack: BenchStack): Promise<void> {
    this.created.splice(this.created.indexOf(stack), 1);
    await this.dispose(stack);
  }

  cleanUp(): Promise<void> {
    this.cleaning ??= Promise.all(this.created.splice(0).map((s) => this.dispose(s))).then(
      () => undefined,
    );
    return this.cleaning;
  }

  private async dispose(stack: BenchStack): Promise<void> {
    if (this.config.BENCH_KEEP)
      console.log(`kept topics ${stack.prefix}* and schema ${stack.schema}`);
    else await stack.drop();
    await stack.disconnect();
  }
}

async function runDataset(
  config: AggregateBenchConfig,
  stacks: Stacks,
  dataset: Dataset,
  run: string,
): Promise<DatasetOutcome> {
  const stack = await stacks.create(dataset.tag, run);
  console.log(`${dataset.label}: topics ${stack.prefix}*, schema ${stack.schema}; producing`);
  const stream = new DonationStream(dataset.shape);
  const load = await loadTopic(stack.kafka, stack.topic(TOPICS.donationsNormalized), stream);
  const endOffsets = await stack.endOffsets(TOPICS.donationsNormalized);
  const context: RunContext = { config, stack, endOffsets, outDir, profileDir };
  console.log(
    `${dataset.label}: ${load.messages} messages in ${(load.elapsedMs / 1000).toFixed(1)} s; raw read`,
  );
  const raw = await runRawConsumer(context);
  console.log(`${dataset.label}: raw read in ${(raw.elapsedMs / 1000).toFixed(1)} s; aggregator`);
  const aggregator = await runAggregator(context, dataset.profile);
  console.log(`${dataset.label}: aggregator done in ${(aggregator.elapsedMs / 1000).toFixed(1)} s`);
  const totals = await checkTotals(config.DATABASE_URL, stack.schema, stream.truth);
  if (dataset.profile) {
    printProfile(profileDir, aggregator, 'aggregator CPU profile, spawn to all committed');
  }
  await stacks.release(stack);
  return { label: dataset.label, truth: stream.truth, load, raw, aggregator, totals };
}

function printHeader(config: AggregateBenchConfig): void {
  console.log(
    `aggregate bench: the aggregator in one process against a bare kafkajs consumer; Node ` +
      `${process.version}; ${availableParallelism()} x ${cpus()[0]?.model ?? 'cpu'}; ` +
      `load average ${loadavg()[0].toFixed(2)}`,
  );
  console.log(
    `${config.BENCH_EVENTS} events per dataset; ${config.BENCH_CAMPAIGNS} campaigns over ` +
      `${config.BENCH_CHARITIES} charities` +
      `${config.BENCH_MEMORY_RUN ? ', then one campaign per donation' : ''}; ` +
      `aggregator LOG_LEVEL=${config.BENCH_LOG_LEVEL}`,
  );
}

async function main(cleanUps: CleanUps): Promise<boolean> {
  const config = loadAggregateBenchConfig();
  mkdirSync(profileDir, { recursive: true });
  printHeader(config);
  const stacks = new Stacks(config);
  cleanUps.add(() => stacks.cleanUp());
  const run = newRunId();
  const outcomes: DatasetOutcome[] = [];
  for (const dataset of datasets(config)) {
    outcomes.push(await runDataset(config, stacks, dataset, run));
  }
  return report(config, outcomes, outDir);
}

runBench(main);
