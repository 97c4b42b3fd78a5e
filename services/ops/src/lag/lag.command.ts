import { Command } from 'commander';
import type { Admin } from 'kafkajs';
import { TopicName, topicName } from '@donations/contracts';
import { loadConfig, redisConnectionOf } from '@donations/config';
import { listValue } from '../cli-values';
import { OpsContext, opsConfigOf, withConnections } from '../ops-context';
import { OpsError } from '../ops-error';
import { LagEnvSchema } from './lag-env';
import { committedOffsets, describeLag, foldLag, LagReport, TopicReading } from './lag-report';
import { postgresOffsets, redisOffsets, StoredOffsets } from './stored-offsets';

interface LagOptions {
  group?: string[];
}

/**
 * `ops lag`: per consumer group and partition, the offset applied (stored with the state: the
 * aggregator's in PostgreSQL, the statistics' in Redis), the log end and the lag; and the
 * group's committed offset in Kafka beside it, for comparison. Reads only.
 */
export function registerLagCommand(program: Command, context: OpsContext): void {
  program
    .command('lag')
    .description(
      'per consumer group and partition: the applied offset (stored with the state), the log end, the lag',
    )
    .option('--group <group>', 'only this consumer group (repeatable, or a,b)', listValue)
    .action((options: LagOptions) => lagCommand(context, options));
}

async function lagCommand(context: OpsContext, options: LagOptions): Promise<void> {
  const config = opsConfigOf(context);
  const env = loadConfig(LagEnvSchema, context.env);
  const report = await withConnections(config, async ({ kafka, dataSource }) => {
    const stored = [...(await postgresOffsets(dataSource))];
    const notRead: LagReport['notRead'] = [];
    if (env.REDIS_URL === undefined) {
      notRead.push({ store: 'redis', reason: 'REDIS_URL is not set (the statistics offsets)' });
    } else {
      const connection = redisConnectionOf({ ...env, REDIS_URL: env.REDIS_URL });
      stored.push(...(await redisOffsets(connection, env.REDIS_KEY_PREFIX)));
    }
    const wanted = options.group;
    const selected = stored.filter((entry) => !wanted || wanted.includes(entry.group));
    if (wanted && selected.length === 0) {
      throw new OpsError('OPS.NOT_FOUND', `no stored offsets of group ${wanted.join(', ')}`);
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      const readings = await readTopics(admin, selected, config.TOPIC_PREFIX);
      return { groups: foldLag(selected, (entry) => readings.get(entry)!), notRead };
    } finally {
      await admin.disconnect();
    }
  });
  context.output.result(report, describeLag);
}

/** Each entry's log bounds and its group's committed offsets, read from the Kafka admin API. */
async function readTopics(
  admin: Admin,
  stored: readonly StoredOffsets[],
  prefix: string,
): Promise<Map<StoredOffsets, TopicReading>> {
  const readings = new Map<StoredOffsets, TopicReading>();
  for (const entry of stored) {
    const kafkaTopic = topicName(entry.topic as TopicName, prefix);
    const ends = await admin.fetchTopicOffsets(kafkaTopic);
    const [committed] = await admin.fetchOffsets({ groupId: entry.group, topics: [kafkaTopic] });
    readings.set(entry, { ends, committed: committedOffsets(committed?.partitions ?? []) });
  }
  return readings;
}
