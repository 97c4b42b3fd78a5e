import { Command } from 'commander';
import type { AggregatorPruneView, StatsPruneView } from '@donations/contracts';
import { loadOpsEnv, localUrl } from '../ops-env';
import type { Output } from '../output';
import { RebuildClient, RebuildError } from '../rebuild/rebuild-client';
import { describeGeneration } from '../rebuild/rebuild-statistics';
import { StatisticsClient } from '../rebuild/statistics-client';
import { generationsToPrune } from './generations-to-prune';

interface GenerationsOptions {
  service?: string;
  aggregatorUrl: string;
  statisticsUrl: string;
  token?: string;
  keep: string;
  dryRun?: boolean;
}

const SERVICES = ['aggregator', 'statistics'];

/** `ops generations list | prune`: the generations of the aggregator and the statistics. */
export function registerGenerationsCommands(program: Command, output: Output): void {
  const command = program
    .command('generations')
    .description('list the generations of the aggregator and the statistics; prune retired ones');
  const common = (sub: Command) =>
    sub
      .option('--service <service>', 'aggregator | statistics (default: both)')
      .option('--aggregator-url <url>', "the aggregator's base URL", localUrl(3201))
      .option('--statistics-url <url>', "the statistics service's base URL", localUrl(3301));
  common(command.command('list').description('every generation with its state')).action(
    async (options: GenerationsOptions) => {
      const result: Record<string, unknown> = {};
      if (wants(options, 'aggregator')) {
        result.aggregator = await new RebuildClient(options.aggregatorUrl, '').list();
      }
      if (wants(options, 'statistics')) {
        result.statistics = await new StatisticsClient(options.statisticsUrl, '').list();
      }
      output.result(result, describeList);
    },
  );
  common(command.command('prune').description("remove retired generations' data"))
    .option('--keep <n>', 'retired generations to keep, the newest', '0')
    .option('--token <token>', 'operator token (default: env OPERATOR_TOKEN)')
    .option('--dry-run', 'say what would be removed; remove nothing')
    .action(async (options: GenerationsOptions) => {
      const token = options.token ?? loadOpsEnv().OPERATOR_TOKEN ?? '';
      const keep = Number(options.keep);
      const dryRun = options.dryRun === true;
      const result: { aggregator?: AggregatorPruneView[]; statistics?: StatsPruneView[] } = {};
      if (wants(options, 'aggregator')) {
        const client = new RebuildClient(options.aggregatorUrl, token);
        result.aggregator = [];
        for (const generation of generationsToPrune(await client.list(), keep)) {
          result.aggregator.push(await client.prune(generation, dryRun));
        }
      }
      if (wants(options, 'statistics')) {
        const client = new StatisticsClient(options.statisticsUrl, token);
        result.statistics = [];
        for (const generation of generationsToPrune(await client.list(), keep)) {
          result.statistics.push(await client.prune(generation, dryRun));
        }
      }
      output.result(result, describePruned);
    });
}

function wants(options: GenerationsOptions, service: string): boolean {
  if (options.service !== undefined && !SERVICES.includes(options.service)) {
    throw new RebuildError('OPS.INVALID_ARGUMENT', `--service is aggregator or statistics`);
  }
  return options.service === undefined || options.service === service;
}

function describePruned(result: {
  aggregator?: AggregatorPruneView[];
  statistics?: StatsPruneView[];
}): string {
  const lines: string[] = [];
  const verb = (dryRun: boolean) => (dryRun ? 'would remove' : 'removed');
  if (result.aggregator?.length === 0) lines.push('aggregator: no retired generation to prune');
  for (const p of result.aggregator ?? []) {
    lines.push(
      `aggregator generation ${p.generation}: ${verb(p.dryRun)} ${p.ledgerRows} ledger rows, ${p.bytes} bytes`,
    );
  }
  if (result.statistics?.length === 0) lines.push('statistics: no retired generation to prune');
  for (const p of result.statistics ?? []) {
    lines.push(
      `statistics generation ${p.generation}: ${verb(p.dryRun)} ${p.keys} keys, ${p.bytes} bytes`,
    );
  }
  return lines.join('\n');
}

function describeList(result: Record<string, unknown>): string {
  const lines: string[] = [];
  const aggregator = result.aggregator as Awaited<ReturnType<RebuildClient['list']>> | undefined;
  for (const g of aggregator ?? []) {
    lines.push(`aggregator generation ${g.generation} (${g.schema}): ${g.state}`);
  }
  const statistics = result.statistics as Awaited<ReturnType<StatisticsClient['list']>> | undefined;
  for (const g of statistics ?? []) {
    const pruned = g.prunedAt === null ? '' : `, pruned ${g.prunedAt}`;
    lines.push(`${describeGeneration(g)}${pruned}`);
  }
  return lines.join('\n');
}
