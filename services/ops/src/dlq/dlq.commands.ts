import { Command } from 'commander';
import type { Kafka } from 'kafkajs';
import { topicName, TOPICS } from '@donations/contracts';
import { adapterUrls } from '../adapters/adapter-urls';
import { listValue } from '../cli-values';
import {
  actorOf,
  operatorToken,
  OpsContext,
  opsConfigOf,
  portOffsetOf,
  withConnections,
} from '../ops-context';
import { OpsError } from '../ops-error';
import { parseLetterId } from './dlq-entry';
import { loadLetters } from './dlq-letters';
import { DlqFilterOptions, filterOf, withFilterOptions } from './dlq-options';
import { redrive } from './dlq-redrive';
import { DlqRedrivesRepository } from './dlq-redrives.repository';
import { matches } from './dlq-selection';
import { decodedBytes, describeList, describeRedrive, describeShow, summaryOf } from './dlq-views';
import { liveRedrivers } from './redrivers';

interface RedriveOptions extends DlqFilterOptions {
  dryRun?: boolean;
  adapter?: string[];
  token?: string;
  actor?: string;
}

/** `ops dlq list | show <id> | redrive`: the dead letters of donations.dlq, and putting them back. */
export function registerDlqCommands(program: Command, context: OpsContext): void {
  const dlq = program
    .command('dlq')
    .description('list, show and re-drive the dead letters on donations.dlq');

  withFilterOptions(dlq.command('list'))
    .description('list dead letters (those re-driven and counted are hidden unless --all)')
    .action((options: DlqFilterOptions) =>
      withLetters(context, ({ letters, topic }) => {
        const filter = filterOf(options, [], new Date());
        const shown = letters.entries.filter((entry) => matches(entry, filter));
        const hidden = letters.entries.filter(
          (entry) => !matches(entry, filter) && matches(entry, { ...filter, all: true }),
        ).length;
        const view = {
          topic,
          letters: shown.map(summaryOf),
          hidden,
          unreadable: letters.unreadable,
        };
        context.output.result(view, describeList);
      }),
    );

  dlq
    .command('show')
    .description('show one letter: its reason, its headers and its original bytes decoded')
    .argument('<id>', 'the letter id, <partition>:<offset> (from dlq list)')
    .action((id: string) => {
      parseLetterId(id);
      return withLetters(context, ({ letters }) => {
        const entry = letters.entries.find((candidate) => candidate.id === id);
        if (!entry) throw new OpsError('OPS.NOT_FOUND', `no dead letter ${id}`);
        const view = {
          ...summaryOf(entry),
          letter: entry.letter,
          body: decodedBytes(entry.letter.originalValueBase64),
        };
        context.output.result(view, () => describeShow(entry));
      });
    });

  withFilterOptions(dlq.command('redrive'))
    .description(
      'put letters back through the path they failed on: an adapter letter through its ' +
        "adapter's mapping with the current registry (authenticated requests only), a " +
        "consumer's letter onto its topic again; records each outcome",
    )
    .argument(
      '[ids...]',
      'letter ids (<partition>:<offset>); none: every letter the filters select',
    )
    .option('--dry-run', 'show what would be re-driven, and how; send and record nothing')
    .option(
      '--adapter <platform=url>',
      'an adapter base URL (repeatable; default: local ports)',
      listValue,
    )
    .option('--token <token>', "the adapters' operator token (default: env OPERATOR_TOKEN)")
    .option('--actor <name>', 'who re-drives (default: env OPS_ACTOR or the login name)')
    .action((ids: string[], options: RedriveOptions) =>
      withLetters(context, async ({ letters, kafka, redrives }) => {
        const filter = filterOf(options, ids, new Date());
        const selected = letters.entries.filter((entry) => matches(entry, filter));
        const urls = adapterUrls(options.adapter ?? [], portOffsetOf(context));
        const token = options.dryRun ? '' : operatorToken(context, options.token);
        const redrivers = liveRedrivers(kafka, urls, token, actorOf(context, options.actor));
        try {
          const progress = context.progress()('re-driving', selected.length);
          const report = await redrive(
            selected,
            { redrivers, redrives, dryRun: options.dryRun === true },
            progress,
          );
          context.output.result(report, describeRedrive);
        } finally {
          await redrivers.close();
        }
      }),
    );
}

function withLetters(
  context: OpsContext,
  run: (loaded: {
    letters: Awaited<ReturnType<typeof loadLetters>>;
    topic: string;
    kafka: Kafka;
    redrives: DlqRedrivesRepository;
  }) => void | Promise<void>,
): Promise<void> {
  const config = opsConfigOf(context);
  const topic = topicName(TOPICS.dlq, config.TOPIC_PREFIX);
  return withConnections(config, async ({ kafka, dataSource }) => {
    const redrives = new DlqRedrivesRepository(dataSource);
    const letters = await loadLetters(kafka, topic, redrives, context.progress());
    await run({ letters, topic, kafka, redrives });
  });
}
