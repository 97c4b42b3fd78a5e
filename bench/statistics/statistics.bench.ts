import { mkdirSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { TOPICS } from '@donations/contracts';
import { CleanUps, runBench } from '../common/bench-main';
import { BenchStack } from '../common/bench-stack';
import { ReadTarget, runRawConsumer } from '../common/consumer-timing';
import { DonationStream } from '../common/donation-stream';
import { OwnRedisServer } from '../common/own-redis-server';
import { printProfile } from '../common/profile-report';
import { loadTopic } from '../common/topic-loader';
import { CountedStream } from './counted-stream';
import { readCommandStats, readRedisCpuSeconds } from './redis-commands';
import { keyFamilies, readRedisMemory } from './redis-memory';
import { loadStatisticsBenchConfig, StatisticsBenchConfig } from './statistics-bench.config';
import { checkStatistics } from './statistics-check';
import { report, StatisticsOutcome } from './statistics-report';
import { runStatistics, StatisticsRun } from './statistics-run';

/**
 * Counted events per second through the statistics service (the compiled service, its own
 * process, on a redis-server of the bench's own) from spawn to every offset stored in Redis with
 * the statistics, side by side with a bare kafkajs consumer reading the same donations.counted.v1
 * topic in the same run; Redis CPU per event and Redis memory after the run. Run it with `npm run bench:statistics` (see README.md).
 */
const repoRoot = resolve(__dirname, '../../..');
const outDir = resolve(repoRoot, '.cache/bench');
const profileDir = resolve(outDir, 'profiles');
/** Share of donations that occurred well before their neighbours (late webhooks, statements). */
const LATE_SHARE = 0.02;

function printHeader(config: StatisticsBenchConfig): void {
  console.log(
    `statistics bench: the statistics service in one process against a bare kafkajs consumer; ` +
      `Node ${process.version}; ${availableParallelism()} x ${cpus()[0]?.model ?? 'cpu'}; ` +
      `load average ${loadavg()[0].toFixed(2)}`,
  );
  console.log(
    `${config.BENCH_EVENTS} events; ${config.BENCH_CAMPAIGNS} campaigns over ` +
      `${config.BENCH_CHARITIES} charities; ${config.BENCH_DONORS_PER_PLATFORM} donors per ` +
      `platform; one event every ${config.BENCH_EVENT_SPACING_MS} ms of event time; ` +
      `service LOG_LEVEL=${config.BENCH_LOG_LEVEL}`,
  );
}

function datasetOf(config: StatisticsBenchConfig): DonationStream {
  return new DonationStream({
    // Enough normalized events for BENCH_EVENTS counted messages (1% are duplicates).
    events: Math.ceil(config.BENCH_EVENTS * 1.05),
    campaigns: config.BENCH_CAMPAIGNS,
    charities: config.BENCH_CHARITIES,
    seed: 20261127,
    donorsPerPlatform: config.BENCH_DONORS_PER_PLATFORM,
    donorDetails: true,
    spacingMs: config.BENCH_EVENT_SPACING_MS,
    lateShare: LATE_SHARE,
  });
}

async function measure(run: Omit<StatisticsRun, 'target'>): Promise<StatisticsOutcome> {
  const { config, stack, redis } = run;
  const redisBefore = await readRedisMemory(redis);
  console.log(`topics ${stack.prefix}*, redis-server on port ${redis.port}; producing`);
  const stream = datasetOf(config);
  const topic = stack.topic(TOPICS.donationsCounted);
  // One produce request at a time: requests in flight together may land out of order, and the
  // source offsets of a partition must grow along it, as the aggregator's relay keeps them.
  const counted = new CountedStream(stream, config.BENCH_EVENTS);
  const load = await loadTopic(stack.kafka, topic, counted, { inFlight: 1 });
  const target: ReadTarget = {
    brokers: config.KAFKA_BROKERS,
    topic,
    endOffsets: await stack.endOffsets(TOPICS.donationsCounted),
    timeoutS: config.BENCH_TIMEOUT_S,
  };
  console.log(`${load.messages} messages in ${(load.elapsedMs / 1000).toFixed(1)} s; raw read`);
  const rawLog = resolve(outDir, 'raw-consumer.log');
  const raw = await runRawConsumer(target, `bench-raw-${stack.run}-${stack.prefix}`, rawLog);
  console.log(`raw read in ${(raw.elapsedMs / 1000).toFixed(1)} s; statistics`);
  const cpuBefore = await readRedisCpuSeconds(redis);
  const statistics = await runStatistics({ ...run, target });
  const redisCpuSeconds = (await readRedisCpuSeconds(redis)) - cpuBefore;
  console.log(`statistics done in ${(statistics.elapsedMs / 1000).toFixed(1)} s; reading Redis`);
  if (config.BENCH_CPU_PROF) {
    printProfile(profileDir, statistics, 'statistics CPU profile, spawn to all stored');
  }
  const redisAfter = await readRedisMemory(redis);
  const commands = await readCommandStats(redis);
  const families = await keyFamilies(redis.client);
  const check = await checkStatistics(redis.client, stream.truth);
  const { truth } = stream;
  return {
    truth,
    load,
    raw,
    statistics,
    check,
    redisBefore,
    redisAfter,
    redisCpuSeconds,
    families,
    commands,
  };
}

async function main(cleanUps: CleanUps): Promise<boolean> {
  const config = loadStatisticsBenchConfig();
  mkdirSync(profileDir, { recursive: true });
  printHeader(config);
  const stack = await BenchStack.create({ brokers: config.KAFKA_BROKERS, tag: 's' });
  cleanUps.add(async () => {
    if (config.BENCH_KEEP) console.log(`kept topics ${stack.prefix}*`);
    else await stack.drop();
    await stack.disconnect();
  });
  const redisLog = resolve(outDir, 'redis-server.log');
  const redis = await OwnRedisServer.start(redisLog, config.BENCH_REDIS_SERVER);
  cleanUps.add(() => redis.stop());
  const outcome = await measure({ config, stack, redis, outDir, profileDir });
  return report(config, outcome, outDir);
}

runBench(main);
