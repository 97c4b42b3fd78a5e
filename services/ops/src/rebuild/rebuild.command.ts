import { setTimeout as delay } from 'node:timers/promises';
import { Command } from 'commander';
import { loadOpsEnv, localUrl } from '../ops-env';
import { Output } from '../output';
import { RebuildClient, RebuildError, RebuildView } from './rebuild-client';
import { rebuildStatistics } from './rebuild-statistics';

interface RebuildOptions {
  aggregatorUrl: string;
  statisticsUrl: string;
  token?: string;
  wait: boolean;
  timeout: string;
  dryRun?: boolean;
}

/**
 * `ops rebuild aggregator`: rebuilds the totals from offset 0 into a fresh generation while the
 * live one keeps serving, and waits until the aggregator has switched it in.
 */
export function registerRebuildCommands(program: Command, output: Output): void {
  program
    .command('rebuild')
    .description(
      'rebuild a projection from the log into a fresh generation, then switch it in one step',
    )
    .argument('<projection>', 'the projection to rebuild: aggregator | statistics')
    .option('--aggregator-url <url>', "the aggregator's base URL", localUrl(3201))
    .option('--statistics-url <url>', "the statistics service's base URL", localUrl(3301))
    .option('--token <token>', 'operator token (default: env OPERATOR_TOKEN)')
    .option('--no-wait', 'start (or resume) the rebuild and return')
    .option('--timeout <seconds>', 'how long to wait for the switch', '3600')
    .option('--dry-run', 'say whether a rebuild would start or resume; start nothing')
    .action(async (projection: string, options: RebuildOptions) => {
      if (projection === 'statistics') {
        const timeoutMs = Number(options.timeout) * 1000;
        const { statisticsUrl, wait } = options;
        const token = () => operatorTokenOf(options);
        await rebuildStatistics(
          { statisticsUrl, token, wait, timeoutMs, dryRun: options.dryRun === true },
          output,
        );
        return;
      }
      if (projection !== 'aggregator') {
        throw new RebuildError('OPS.UNKNOWN_PROJECTION', `cannot rebuild ${projection}`);
      }
      if (options.dryRun) {
        const generations = await new RebuildClient(options.aggregatorUrl, '').list();
        const building = generations.find((view) => view.state === 'building');
        const plan = { dryRun: true, wouldResume: building?.generation ?? null, generations };
        output.result(plan, () =>
          building
            ? `would resume generation ${building.generation} (${building.schema})`
            : `would start generation ${Math.max(0, ...generations.map((g) => g.generation)) + 1}`,
        );
        return;
      }
      const client = new RebuildClient(options.aggregatorUrl, operatorTokenOf(options));
      const started = await client.start();
      output.progress(describe(started));
      const final = options.wait
        ? await untilSwitched(client, started, Number(options.timeout) * 1000, output)
        : started;
      output.result(final, describe);
    });
}

function operatorTokenOf(options: RebuildOptions): string {
  const token = options.token ?? loadOpsEnv().OPERATOR_TOKEN;
  if (token === undefined) {
    throw new RebuildError('OPS.TOKEN_REQUIRED', 'give --token or set OPERATOR_TOKEN');
  }
  return token;
}

async function untilSwitched(
  client: RebuildClient,
  started: RebuildView,
  timeoutMs: number,
  output: Output,
): Promise<RebuildView> {
  const deadline = Date.now() + timeoutMs;
  let view = started;
  while (view.state === 'building') {
    if (view.failure !== null) {
      throw new RebuildError(
        'OPS.REBUILD_FAILED',
        `${view.failure} (run the command again to resume)`,
      );
    }
    if (Date.now() > deadline) {
      throw new RebuildError('OPS.TIMEOUT', `generation ${view.generation} is still building`);
    }
    await delay(1_000);
    view = await client.get(view.generation);
    output.progress(describe(view));
  }
  return view;
}

function describe(view: RebuildView): string {
  const lag = view.lag === null ? '' : `, ${view.lag} events to go`;
  const when = view.activatedAt === null ? '' : `, active since ${view.activatedAt}`;
  return `generation ${view.generation} (${view.schema}): ${view.state}${lag}${when}`;
}
