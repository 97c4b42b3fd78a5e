import { resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { currentEnv } from '@donations/config';
import { ServiceProcess } from '@donations/testing';
import { CpuSample, CpuShare, cpuShare, sampleCpu } from './cpu-usage';
import { MemoryPeaks, MemoryWatch } from './process-memory';
import type { RawConsumerReport } from './raw-consumer.main';

/** One consumer's pass over a whole topic. */
export interface ConsumerFigures {
  /** `raw kafkajs`, or the service under test (`aggregator`, `statistics`). */
  consumer: string;
  messages: number;
  /** From spawning the process to every message read (raw) or stored (a service). */
  elapsedMs: number;
  /** From the first message read (raw) or the first offset stored (a service) to the end. */
  steadyMs: number;
  /** VmHWM, and the highest VmRSS sampled in each half of the run. */
  memory: MemoryPeaks;
  /** Cores each party kept busy from spawn to the end. */
  cpu: CpuShare;
  /** Cores kept busy by the extra processes named in `TimedService.watchPids` (e.g. Redis). */
  watchedCpu: Record<string, number>;
  /** CLOCK_MONOTONIC µs, V8's profile clock: the window to summarise a profile over. */
  windowUs: [number, number];
  pid: number;
}

/** The topic a consumer reads, and how long to wait for it. */
export interface ReadTarget {
  brokers: readonly string[];
  /** The topic's name on the broker. */
  topic: string;
  /** Its partitions' end offsets once the dataset is produced. */
  endOffsets: ReadonlyMap<number, string>;
  timeoutS: number;
}

export interface TimedService {
  /** `aggregator`, `statistics`: the name in the figures and messages. */
  name: string;
  /** Spawns the service (ServiceProcess.start); timed from the call. */
  start: () => Promise<ServiceProcess>;
  /** The next offset per partition the service has stored with its effects. */
  stored: () => Promise<Map<number, string>>;
  /** Other processes whose CPU to report, by name (their CPU also counts in `others`). */
  watchPids?: Record<string, number>;
}

const POLL_MS = 100;
/** A service whose stored offsets have not moved for this long is stuck (e.g. retrying a batch). */
const STALL_MS = 120_000;

export const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

export const offsetTotal = (offsets: ReadonlyMap<number, string>): number =>
  [...offsets.values()].reduce((sum, offset) => sum + Number(offset), 0);

/**
 * The baseline: raw-consumer.main.ts (a bare kafkajs consumer, a new group) reads the whole
 * topic in its own process; timed from its spawn to its report of the last message counted.
 */
export async function runRawConsumer(
  target: ReadTarget,
  groupId: string,
  logFile: string,
): Promise<ConsumerFigures> {
  const cpuBefore = sampleCpu(-1);
  const fromUs = monotonicUs();
  const raw = await ServiceProcess.start({
    entry: resolve(__dirname, 'raw-consumer.main.js'),
    env: {
      ...currentEnv(),
      KAFKA_BROKERS: target.brokers.join(','),
      RAW_TOPIC: target.topic,
      RAW_GROUP_ID: groupId,
      RAW_EXPECTED: String(offsetTotal(target.endOffsets)),
    },
    logFile,
    nodeFlags: ['--disable-warning=TimeoutNegativeWarning'],
    readiness: 'started',
  });
  const memory = new MemoryWatch(raw.pid);
  try {
    const report = await withTimeout(raw.nextMessage<RawConsumerReport>(), target.timeoutS, raw);
    const peaks = memory.stop();
    return {
      consumer: 'raw kafkajs',
      messages: report.messages,
      elapsedMs: report.doneAtMs - raw.startedAt.epochMs,
      steadyMs: report.doneAtMs - report.firstMessageAtMs,
      memory: peaks,
      cpu: cpuShare(cpuBefore, sampleCpu(raw.pid)),
      watchedCpu: {},
      windowUs: [fromUs, monotonicUs()],
      pid: raw.pid,
    };
  } finally {
    memory.stop();
    await raw.stop();
  }
}

/**
 * A service under test from its spawn until the offsets it stores with its effects reach every
 * partition's end offset (polled every 100 ms); stopped afterwards.
 */
export async function runService(
  target: ReadTarget,
  service: TimedService,
): Promise<ConsumerFigures> {
  const cpuBefore = sampleCpu(-1);
  const fromUs = monotonicUs();
  const child = await service.start();
  const memory = new MemoryWatch(child.pid);
  try {
    const { firstStoreAtMs, doneAtMs } = await watchStored(target, service, child);
    const peaks = memory.stop();
    const cpuAfter = sampleCpu(child.pid);
    return {
      consumer: service.name,
      messages: offsetTotal(target.endOffsets),
      elapsedMs: doneAtMs - child.startedAt.monotonicMs,
      steadyMs: doneAtMs - firstStoreAtMs,
      memory: peaks,
      cpu: cpuShare(cpuBefore, cpuAfter),
      watchedCpu: watchedShares(service.watchPids ?? {}, cpuBefore, cpuAfter),
      windowUs: [fromUs, monotonicUs()],
      pid: child.pid,
    };
  } finally {
    memory.stop();
    await child.stop();
  }
}

/** Polls the stored offsets until every partition's is its end offset (ms: bench clock). */
async function watchStored(
  target: ReadTarget,
  service: TimedService,
  child: ServiceProcess,
): Promise<{ firstStoreAtMs: number; doneAtMs: number }> {
  const deadline = performance.now() + target.timeoutS * 1000;
  let firstStoreAtMs: number | undefined;
  let lastPrint = performance.now();
  let progress = { total: -1, atMs: performance.now() };
  for (;;) {
    const stored = await service.stored();
    const now = performance.now();
    const total = offsetTotal(stored);
    if (stored.size > 0) firstStoreAtMs ??= now;
    if (total !== progress.total) progress = { total, atMs: now };
    const done = [...target.endOffsets].every(
      ([partition, end]) => (stored.get(partition) ?? '0') === end,
    );
    if (done && firstStoreAtMs !== undefined) return { firstStoreAtMs, doneAtMs: now };
    if (!child.running) {
      const { code, signal } = await child.stop(); // already exited: how
      throw new Error(
        `${service.name} exited (code ${code}, signal ${signal}):\n${child.logTail(5)}`,
      );
    }
    if (now > deadline) throw new Error(`${service.name} not done in time:\n${child.logTail()}`);
    if (now - progress.atMs > STALL_MS) {
      throw new Error(
        `${service.name} stored nothing for ${STALL_MS / 1000} s:\n${child.logTail(5)}`,
      );
    }
    if (now - lastPrint > 10_000) {
      console.log(`  ${service.name}: ${total} of ${offsetTotal(target.endOffsets)} stored`);
      lastPrint = now;
    }
    await delay(POLL_MS);
  }
}

function watchedShares(
  pids: Record<string, number>,
  before: CpuSample,
  after: CpuSample,
): Record<string, number> {
  const wall = after.wallMs - before.wallMs;
  const used = (pid: number) => (after.byPid.get(pid)?.ms ?? 0) - (before.byPid.get(pid)?.ms ?? 0);
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, used(pid) / wall]));
}

async function withTimeout<T>(
  work: Promise<T>,
  timeoutS: number,
  child: ServiceProcess,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no report in time:\n${child.logTail()}`)),
      timeoutS * 1000,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
