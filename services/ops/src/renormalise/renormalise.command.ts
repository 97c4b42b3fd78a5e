import { Command, Option } from 'commander';
import { PLATFORMS, topicName, TOPICS } from '@donations/contracts';
import { adapterUrls } from '../adapters/adapter-urls';
import { OperatorClient } from '../adapters/operator-client';
import { listValue } from '../cli-values';
import {
  actorOf,
  operatorToken,
  OpsContext,
  opsConfigOf,
  portOffsetOf,
  withConnections,
} from '../ops-context';
import { loadRawRecords } from './raw-records';
import { platformValue, RenormaliseOptions, selectionOf } from './renormalise-options';
import { reportOf } from './renormalise-report';
import { renormaliseRecords } from './renormalise-run';
import { describeRenormalise } from './renormalise-views';

/** `ops renormalise --platform P`: donations.raw mapped again with the current registry. */
export function registerRenormaliseCommand(program: Command, context: OpsContext): void {
  program
    .command('renormalise')
    .description(
      "map a platform's donations.raw records again with the current mapping and registry " +
        '(after a mapping fix), emit what requests refused then now give (same deterministic ids: ' +
        'nothing counts twice) and report each record: unchanged, newly mapped, changed, failing',
    )
    .addOption(
      new Option('--platform <platform>', `the platform (${PLATFORMS.join(', ')})`)
        .argParser(platformValue)
        .makeOptionMandatory(),
    )
    .option('--from <time>', 'received at or after: ISO 8601, a date, or an age (2h, 7d)')
    .option('--to <time>', 'received before: ISO 8601, a date, or an age (30m)')
    .option('--dry-run', 'map and compare only: emit nothing')
    .option(
      '--adapter <platform=url>',
      'the adapter base URL (repeatable; default: local ports)',
      listValue,
    )
    .option('--token <token>', "the adapters' operator token (default: env OPERATOR_TOKEN)")
    .option('--actor <name>', 'who runs it (default: env OPS_ACTOR or the login name)')
    .action((options: RenormaliseOptions) => run(context, options));
}

async function run(context: OpsContext, options: RenormaliseOptions): Promise<void> {
  const selection = selectionOf(options, new Date());
  const config = opsConfigOf(context);
  const client = new OperatorClient(
    adapterUrls(options.adapter ?? [], portOffsetOf(context))[selection.platform],
    operatorToken(context, options.token),
    actorOf(context, options.actor),
  );
  const dryRun = options.dryRun === true;
  const topic = topicName(TOPICS.donationsRaw, config.TOPIC_PREFIX);
  await withConnections(config, async ({ kafka }) => {
    const raw = await loadRawRecords(kafka, topic, selection, context.progress());
    const progress = context.progress()('renormalising', raw.entries.length);
    const records = await renormaliseRecords(
      raw.entries,
      (request) => client.renormalise(request, dryRun),
      progress,
    );
    const report = reportOf(
      {
        platform: selection.platform,
        from: selection.from?.toISOString() ?? null,
        to: selection.to?.toISOString() ?? null,
        dryRun,
        unreadable: raw.unreadable,
      },
      records,
    );
    context.output.result(report, describeRenormalise);
  });
}
