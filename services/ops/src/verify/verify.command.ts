import { Command } from 'commander';
import type { Kafka } from 'kafkajs';
import { TOPICS } from '@donations/contracts';
import { OpsContext, opsConfigOf, withConnections } from '../ops-context';
import { localUrl } from '../ops-env';
import { OpsError } from '../ops-error';
import { readAggregateTopic } from './aggregate-topics.reader';
import { StatisticsClient } from './statistics.client';
import { checkedKeys, describeReport, SourceFigures, verifyReport } from './verify.report';
import { readStoredFigures } from './verify.repository';

/** Where the statistics listen in a local run (deploy/local/env/statistics.env). */
export const LOCAL_STATISTICS_URL = localUrl(3301);

interface VerifyOptions {
  campaign?: string;
  statisticsUrl?: string;
}

/**
 * `ops verify`: every campaign's and charity's totals recomputed from the ledger of the
 * aggregator's active generation, compared with the totals tables, the latest message per key on
 * the aggregate topics and the statistics' overviews. Prints each difference and fails (exit 1,
 * OPS.VERIFY_DIFFERENCES) when there is any.
 */
export function registerVerifyCommand(program: Command, context: OpsContext): void {
  program
    .command('verify')
    .description(
      "recompute every campaign's and charity's totals from the ledger and compare them with " +
        'the totals tables, the aggregate topics and the statistics; exit 1 on any difference',
    )
    .option('--campaign <id>', 'verify this campaign and its charities only')
    .option(
      '--statistics-url <url>',
      `the statistics' base URL (default ${LOCAL_STATISTICS_URL}, skipped when unreachable)`,
    )
    .action((options: VerifyOptions) => verify(context, options));
}

async function verify(context: OpsContext, options: VerifyOptions): Promise<void> {
  const config = opsConfigOf(context);
  const campaignId = options.campaign ?? null;
  const report = await withConnections(config, async ({ kafka, dataSource }) => {
    const stored = await readStoredFigures(dataSource, options.campaign);
    const topics = await topicFigures(kafka, config.TOPIC_PREFIX);
    const tables = stored.tables;
    const keys = checkedKeys(campaignId, stored.ledger, tables, topics);
    const statistics = await statisticsFigures(context, options, keys);
    return verifyReport({
      generation: stored.generation,
      campaignId,
      ledger: stored.ledger,
      sources: { 'totals-table': tables, 'aggregate-topic': topics, statistics },
    });
  });
  context.output.result(report, describeReport);
  if (report.differences.length > 0) {
    throw new OpsError(
      'OPS.VERIFY_DIFFERENCES',
      `${report.differences.length} figure(s) differ from the ledger`,
    );
  }
}

async function topicFigures(kafka: Kafka, prefix: string): Promise<SourceFigures> {
  const [campaigns, charities] = await Promise.all([
    readAggregateTopic(kafka, TOPICS.campaignTotals, prefix),
    readAggregateTopic(kafka, TOPICS.charityRollups, prefix),
  ]);
  return { campaigns: campaigns.figures, charities: charities.figures };
}

/**
 * The statistics' overviews of the checked keys. Unreachable at the default (local) URL: skipped
 * with a note; unreachable at a URL given with --statistics-url: the command fails.
 */
async function statisticsFigures(
  context: OpsContext,
  options: VerifyOptions,
  keys: { campaigns: readonly string[]; charities: readonly string[] },
): Promise<SourceFigures> {
  const url = options.statisticsUrl ?? LOCAL_STATISTICS_URL;
  const client = new StatisticsClient(url);
  if (!(await client.reachable())) {
    if (options.statisticsUrl !== undefined) {
      throw new OpsError('OPS.STATISTICS_UNREACHABLE', `cannot reach the statistics at ${url}`);
    }
    return { skipped: `${url} unreachable` };
  }
  const progress = context.progress()(
    'asking the statistics',
    keys.campaigns.length + keys.charities.length,
  );
  try {
    const advance = () => progress.advance();
    return {
      campaigns: await client.figures('campaign', keys.campaigns, advance),
      charities: await client.figures('charity', keys.charities, advance),
    };
  } finally {
    progress.stop();
  }
}
