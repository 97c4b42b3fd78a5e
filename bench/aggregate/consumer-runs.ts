import { resolve } from 'node:path';
import { Client } from 'pg';
import { currentEnv } from '@donations/config';
import { TOPICS } from '@donations/contracts';
import { ServiceProcess } from '@donations/testing';
import { BenchStack } from '../common/bench-stack';
import {
  ConsumerFigures,
  ReadTarget,
  runRawConsumer as runRawRead,
  runService,
} from '../common/consumer-timing';
import type { AggregateBenchConfig } from './aggregate-bench.config';

export type { ConsumerFigures } from '../common/consumer-timing';

export interface RunContext {
  config: AggregateBenchConfig;
  stack: BenchStack;
  /** The topic's partitions' end offsets once the dataset is produced. */
  endOffsets: ReadonlyMap<number, string>;
  outDir: string;
  profileDir: string;
}

const AGGREGATOR_ENTRY = '../../services/aggregator/src/main.js';

function readTarget({ config, stack, endOffsets }: RunContext): ReadTarget {
  return {
    brokers: config.KAFKA_BROKERS,
    topic: stack.topic(TOPICS.donationsNormalized),
    endOffsets,
    timeoutS: config.BENCH_TIMEOUT_S,
  };
}

/** The bare kafkajs consumer reads the whole topic; its own process, a new group. */
export function runRawConsumer(context: RunContext): Promise<ConsumerFigures> {
  const { stack } = context;
  return runRawRead(
    readTarget(context),
    `bench-raw-${stack.run}-${stack.prefix}`,
    resolve(context.outDir, 'raw-consumer.log'),
  );
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
  try {
    return await runService(readTarget(context), {
      name: 'aggregator',
      start: () =>
        ServiceProcess.start({
          entry: resolve(__dirname, AGGREGATOR_ENTRY),
          env: aggregatorEnv(config, stack, groupId),
          logFile: resolve(context.outDir, `aggregator-${stack.prefix}log`),
          nodeFlags: [
            '--disable-warning=TimeoutNegativeWarning',
            ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${context.profileDir}`] : []),
          ],
        }),
      stored: () => committedOffsets(offsets, stack.schema, groupId),
    });
  } finally {
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
