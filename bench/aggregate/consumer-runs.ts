import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { Client } from 'pg';
import { currentEnv } from '@donations/config';
import { TOPICS } from '@donations/contracts';
import { BenchStack } from '../common/bench-stack';
import { CpuShare, cpuShare, sampleCpu } from '../common/cpu-usage';
import { MemoryPeaks, MemoryWatch } from '../common/process-memory';
import { ServiceProcess } from '@donations/testing';
import type { AggregateBenchConfig } from './aggregate-bench.config';
import type { RawConsumerReport } from './raw-consumer.main';

/** One consumer's pass over a whole dataset. */
export interface ConsumerFigures {
  consumer: 'raw kafkajs' | 'aggregator';
  messages: number;
  /** From spawning the process to every message read (raw) or committed (aggregator). */
  elapsedMs: number;
  /** From the first message read (raw) or the first batch committed (aggregator) to the end. */
  steadyMs: number;
  /** VmHWM, and the highest VmRSS sampled in each half of the run. */
  memory: MemoryPeaks;
  /** Cores each party kept busy from spawn to the end. */
  cpu: CpuShare;
  /** CLOCK_MONOTONIC µs, V8's profile clock: the window to summarise a profile over. */
  windowUs: [number, number];
  pid: number;
}

export interface RunContext {
  config: AggregateBenchConfig;
  stack: BenchStack;
  /** The topic's partitions' end offsets once the dataset is produced. */
  endOffsets: ReadonlyMap<number, string>;
  outDir: string;
  profileDir: string;
}

const AGGREGATOR_ENTRY = '../../services/aggregator/src/main.js';
const POLL_MS = 100;

const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);
const total = (offsets: ReadonlyMap<number, string>) =>
  [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);

/** The bare kafkajs consumer reads the whole topic; its own process, a new group. */
export async function runRawConsumer(context: RunContext): Promise<ConsumerFigures> {
  const { config, stack } = context;
  const expected = total(context.endOffsets);
  const cpuBefore = sampleCpu(-1);
  const fromUs = monotonicUs();
  const raw = await ServiceProcess.start({
    entry: resolve(__dirname, 'raw-consumer.main.js'),
    env: {
      ...currentEnv(),
      KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
      RAW_TOPIC: stack.topic(TOPICS.donationsNormalized),
      RAW_GROUP_ID: `bench-raw-${stack.run}-${stack.prefix}`,
      RAW_EXPECTED: String(expected),
    },
    logFile: resolve(context.outDir, 'raw-consumer.log'),
    nodeFlags: ['--disable-warning=TimeoutNegativeWarning'],
    readiness: 'started',
  });
  const memory = new MemoryWatch(raw.pid);
  try {
    const report = await withTimeout(raw.nextMessage<RawConsumerReport>(), config, raw);
    const peaks = memory.stop();
    const cpu = cpuShare(cpuBefore, sampleCpu(raw.pid));
    return {
      consumer: 'raw kafkajs',
      messages: report.messages,
      elapsedMs: report.doneAtMs - raw.startedAt.epochMs,
      steadyMs: report.doneAtMs - report.firstMessageAtMs,
      memory: peaks,
      cpu,
      windowUs: [fromUs, monotonicUs()],
      pid: raw.pid,
    };
  } finally {
    memory.stop();
    await raw.stop();
  }
}

/** The compiled aggregator, a fresh group, until consumer_offsets holds every end offset. */
export async function runAggregator(
  context: RunContext,
  profile: boolean,
): Promise<ConsumerFigures> {
  const { config, stack } = context;
  const groupId = `bench-aggregator-${stack.run}`;
  const offsets = new Client({ connectionString: config.DATABASE_URL });
  await offsets.connect();
  const cpuBefore = sampleCpu(-1);
  const fromUs = monotonicUs();
  const aggregator = await ServiceProcess.start({
    entry: resolve(__dirname, AGGREGATOR_ENTRY),
    env: aggregatorEnv(config, stack, groupId),
    logFile: resolve(context.outDir, `aggregator-${stack.prefix}log`),
    nodeFlags: [
      '--disable-warning=TimeoutNegativeWarning',
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${context.profileDir}`] : []),
    ],
  });
  const memory = new MemoryWatch(aggregator.pid);
  try {
    const progress = () => committedOffsets(offsets, stack.schema, groupId);
    const watch = watchCommits(progress, context.endOffsets, config, aggregator);
    const { firstCommitAtMs, doneAtMs } = await watch;
    const peaks = memory.stop();
    const cpu = cpuShare(cpuBefore, sampleCpu(aggregator.pid));
    return {
      consumer: 'aggregator',
      messages: total(context.endOffsets),
      elapsedMs: doneAtMs - aggregator.startedAt.monotonicMs,
      steadyMs: doneAtMs - firstCommitAtMs,
      memory: peaks,
      cpu,
      windowUs: [fromUs, monotonicUs()],
      pid: aggregator.pid,
    };
  } finally {
    memory.stop();
    await aggregator.stop();
    await offsets.end();
  }
}

function aggregatorEnv(config: AggregateBenchConfig, stack: BenchStack, groupId: string) {
  return {
    ...currentEnv(),
    KAFKA_BROKERS: config.KAFKA_BROKERS.join(','),
    TOPIC_PREFIX: stack.prefix,
    DATABASE_URL: config.DATABASE_URL,
    DATABASE_SCHEMA: stack.schema,
    AGGREGATOR_GROUP_ID: groupId,
    LOG_LEVEL: config.BENCH_LOG_LEVEL,
  };
}

/** Polls the committed offsets until every partition's reaches its end offset (ms: bench clock). */
async function watchCommits(
  committed: () => Promise<Map<number, string>>,
  endOffsets: ReadonlyMap<number, string>,
  config: AggregateBenchConfig,
  aggregator: ServiceProcess,
): Promise<{ firstCommitAtMs: number; doneAtMs: number }> {
  const deadline = performance.now() + config.BENCH_TIMEOUT_S * 1000;
  let firstCommitAtMs: number | undefined;
  let lastPrint = performance.now();
  for (;;) {
    const stored = await committed();
    const now = performance.now();
    if (stored.size > 0) firstCommitAtMs ??= now;
    const done = [...endOffsets].every(
      ([partition, end]) => (stored.get(partition) ?? '0') === end,
    );
    if (done && firstCommitAtMs !== undefined) return { firstCommitAtMs, doneAtMs: now };
    if (!aggregator.running) throw new Error(`aggregator exited:\n${aggregator.logTail()}`);
    if (now > deadline) throw new Error(`aggregator not done in time:\n${aggregator.logTail()}`);
    if (now - lastPrint > 10_000) {
      console.log(`  aggregator: ${total(stored)} of ${total(endOffsets)} committed`);
      lastPrint = now;
    }
    await delay(POLL_MS);
  }
}

async function committedOffsets(
  client: Client,
  schema: string,
  groupId: string,
): Promise<Map<number, string>> {
  const { rows } = await client.query<{ partition: number; next_offset: string }>(
    `SELECT partition, next_offset FROM "${schema}".consumer_offsets
     WHERE group_id = $1 AND topic = $2`,
    [groupId, TOPICS.donationsNormalized],
  );
  return new Map(rows.map((row) => [row.partition, String(row.next_offset)]));
}

async function withTimeout<T>(
  work: Promise<T>,
  config: AggregateBenchConfig,
  process: ServiceProcess,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no report in time:\n${process.logTail()}`)),
      config.BENCH_TIMEOUT_S * 1000,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
