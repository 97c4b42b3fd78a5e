import { setTimeout as delay } from 'node:timers/promises';
import type { StatsGenerationView } from '@donations/contracts';
import type { Output } from '../output';
import { RebuildError } from './rebuild-client';
import { StatisticsClient } from './statistics-client';

export interface RebuildStatisticsOptions {
  statisticsUrl: string;
  token: () => string;
  wait: boolean;
  timeoutMs: number;
  dryRun: boolean;
}

/**
 * `ops rebuild statistics`: starts (or resumes) a shadow generation of the statistics and, unless
 * --no-wait, prints its progress until the service has switched it in.
 */
export async function rebuildStatistics(
  options: RebuildStatisticsOptions,
  output: Output,
): Promise<void> {
  if (options.dryRun) {
    const generations = await new StatisticsClient(options.statisticsUrl, '').list();
    const building = generations.find((view) => view.state === 'building');
    const next = Math.max(0, ...generations.map((g) => g.generation)) + 1;
    const plan = { dryRun: true, wouldResume: building?.generation ?? null, generations };
    output.result(plan, () =>
      building
        ? `would resume generation ${building.generation} (${building.keyPrefix})`
        : `would start generation ${next} (stats:g${next}:)`,
    );
    return;
  }
  const client = new StatisticsClient(options.statisticsUrl, options.token());
  const started = await client.start();
  output.progress(describeGeneration(started));
  const deadline = Date.now() + options.timeoutMs;
  let view = started;
  while (options.wait && view.state === 'building') {
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
    output.progress(describeGeneration(view));
  }
  output.result(view, describeGeneration);
}

export function describeGeneration(view: StatsGenerationView): string {
  const read = view.progress
    ? `, ${view.progress.consumed}/${view.progress.total} read (${Math.round(view.progress.ratio * 100)}%)`
    : '';
  const lag = view.lag === null ? '' : `, ${view.lag} behind the live consumer`;
  const when = view.activatedAt === null ? '' : `, active since ${view.activatedAt}`;
  return `statistics generation ${view.generation} (${view.keyPrefix}): ${view.state}${read}${lag}${when}`;
}
