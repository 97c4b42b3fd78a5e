import type { ConsumerFigures } from '../common/consumer-timing';
import type { DatasetTruth } from '../common/donation-stream';
import { CONSUMER_COLUMNS, consumerCells, rate, writeFigures } from '../common/figures-report';
import { rerunCommand } from '../common/rerun-command';
import type { LoadResult } from '../common/topic-loader';
import type { CommandStat } from './redis-commands';
import type { KeyFamily, RedisMemory } from './redis-memory';
import { BENCH_KNOBS, STATISTICS_KNOBS, StatisticsBenchConfig } from './statistics-bench.config';
import type { StatisticsCheck } from './statistics-check';

export interface StatisticsOutcome {
  truth: DatasetTruth;
  load: LoadResult;
  raw: ConsumerFigures;
  statistics: ConsumerFigures;
  redisBefore: RedisMemory;
  redisAfter: RedisMemory;
  /** INFO cpu used_cpu_sys + used_cpu_user over the statistics run, seconds. */
  redisCpuSeconds: number;
  families: KeyFamily[];
  commands: CommandStat[];
  check: StatisticsCheck;
}

const CPU_COLUMNS = ['service', 'bench', 'kafka', 'redis', 'others'];
const MiB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MiB).toFixed(1)} MiB`;

/** Prints the table, the ratio, Redis memory per million events and the rerun command; writes JSON. */
export function report(
  config: StatisticsBenchConfig,
  outcome: StatisticsOutcome,
  outDir: string,
): boolean {
  const { raw, statistics, check } = outcome;
  const ratio = rate(statistics, statistics.elapsedMs) / rate(raw, raw.elapsedMs);
  const steadyRatio = rate(statistics, statistics.steadyMs) / rate(raw, raw.steadyMs);
  const perEvent = (cores: number) =>
    ((cores * statistics.elapsedMs * 1000) / statistics.messages).toFixed(1);
  console.log(
    [
      '',
      `${' '.repeat(57)}CPU cores busy, spawn to done`,
      `${'consumer'.padEnd(12)}${[...CONSUMER_COLUMNS, ...CPU_COLUMNS].map((h) => h.padStart(9)).join('')}`,
      row(raw),
      row(statistics),
      '',
      describeDataset(outcome),
      `ratio statistics/raw (msgs/s, spawn to done): ${ratio.toFixed(3)} (steady ${steadyRatio.toFixed(3)})`,
      `CPU per event: ${perEvent(statistics.cpu.service)} µs in the service, ` +
        `${perEvent(statistics.watchedCpu.redis ?? 0)} µs in Redis, ` +
        `${perEvent(statistics.cpu.kafka)} µs in Kafka (the broker, all its clients)`,
      `Redis CPU per event (INFO cpu used_cpu_sys+used_cpu_user, before/after the service): ` +
        `${((outcome.redisCpuSeconds * 1e6) / statistics.messages).toFixed(2)} µs`,
      ...redisLines(outcome),
      `figures: ${check.ok ? 'match the dataset' : check.problems.join('; ')} ` +
        `(unique donors ${check.donors.estimated} estimated, ${check.donors.actual} exact)`,
      '',
      `rerun: ${rerunCommand([...BENCH_KNOBS, ...STATISTICS_KNOBS], 'bench:statistics')}`,
    ].join('\n'),
  );
  writeFigures(outDir, 'statistics', { config, ...outcome, ratio, steadyRatio });
  return check.ok;
}

/** Memory before and after, per million events, keys by family, and the commands run. */
function redisLines({
  statistics,
  redisBefore,
  redisAfter,
  ...outcome
}: StatisticsOutcome): string[] {
  const millions = statistics.messages / 1_000_000;
  const grown = redisAfter.usedBytes - redisBefore.usedBytes;
  const proper = outcome.families
    .filter(({ family }) => !/^stats:(offsets|fences|meta|published)/.test(family))
    .reduce((sum, { bytes }) => sum + bytes, 0);
  const perEvent = (value: number, digits: number) =>
    (value / statistics.messages).toFixed(digits).padStart(8);
  return [
    `Redis used_memory: ${mib(redisBefore.usedBytes)} before, ${mib(redisAfter.usedBytes)} after ` +
      `(${mib(grown / millions)} per million events; dataset ${mib(redisAfter.datasetBytes)}, ` +
      `peak ${mib(redisAfter.peakBytes)}, keyspace tables ${mib(redisAfter.keyspaceBytes.main)} ` +
      `main + ${mib(redisAfter.keyspaceBytes.expires)} TTLs)`,
    `Redis RSS ${mib(redisAfter.rssBytes)}; Lua VM ${mib(redisAfter.luaVmBytes)} (outside used_memory)`,
    `statistics proper (MEMORY USAGE of the statistic keys): ${mib(proper)}; used_memory grown ` +
      `beyond them: ${mib(grown - proper)}`,
    `Redis keys: ${redisAfter.keys} (${(redisAfter.keys / millions).toFixed(0)} per million events)`,
    'keys by family (MEMORY USAGE; ~ = extrapolated from 2,000 keys):',
    ...outcome.families.map(
      ({ family, keys, bytes, sampled }) =>
        `  ${shorten(family, 34).padEnd(34)}${String(keys).padStart(9)} keys ${sampled ? '~' : ' '}` +
        `${mib(bytes).padStart(11)}  ${(bytes / keys).toFixed(0).padStart(6)} B/key`,
    ),
    'Redis commands (INFO commandstats: wall time in Redis; a script counts its commands too):',
    ...outcome.commands
      .slice(0, 12)
      .map(
        ({ command, calls, usec }) =>
          `  ${command.padEnd(16)}${String(calls).padStart(10)} calls` +
          `${perEvent(calls, 2)} per event${perEvent(usec, 1)} µs per event`,
      ),
  ];
}

function describeDataset({ truth, load }: StatisticsOutcome): string {
  const produced = (load.messages / (load.elapsedMs / 1000)).toFixed(0);
  return (
    `dataset: ${truth.donations} donations, ${truth.refunds} refunds, ${truth.duplicates} ` +
    `duplicates over ${truth.campaigns} campaigns, ${truth.donors} distinct donors ` +
    `(${[...truth.byCurrency.keys()].join(', ')}); produced in ` +
    `${(load.elapsedMs / 1000).toFixed(1)} s (${produced} msgs/s)`
  );
}

/** Redis is the bench's own server: its CPU is taken out of `others`, PostgreSQL's put in. */
function row(figures: ConsumerFigures): string {
  const { cpu, watchedCpu } = figures;
  const redis = watchedCpu.redis;
  const others = cpu.others + cpu.postgres - (redis ?? 0);
  const cpuCells = [cpu.service, cpu.bench, cpu.kafka].map((cores) => cores.toFixed(2));
  const cells = [
    ...consumerCells(figures),
    ...cpuCells,
    redis === undefined ? '-' : redis.toFixed(2),
    Math.max(0, others).toFixed(2),
  ];
  return `${figures.consumer.padEnd(12)}${cells.map((c) => c.padStart(9)).join('')}`;
}

const shorten = (text: string, width: number) =>
  text.length <= width ? text : `${text.slice(0, width - 1)}…`;
