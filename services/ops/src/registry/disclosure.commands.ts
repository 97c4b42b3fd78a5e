import { Command, Option } from 'commander';
import {
  CampaignIdSchema,
  DisclosureKindSchema,
  DisclosureRecordSchema,
  DisclosureRecordView,
} from '@donations/contracts';
import type { OpsContext } from '../ops-context';
import {
  checkedArguments,
  ConnectionOptions,
  registryClient,
  withConnectionOptions,
} from './registry-connection';

export interface DisclosureOptions extends ConnectionOptions {
  campaign: string;
  kind: string;
  periodStart: string;
  periodEnd: string;
  madeOn: string;
  link: string;
}

/**
 * `ops registry disclosure add | list`: the 慈善中国 disclosures a charity has made, through an
 * adapter (audited); the dashboard's disclosure calendar marks them done.
 */
export function registerDisclosureCommands(registry: Command, context: OpsContext): void {
  const disclosure = registry
    .command('disclosure')
    .description("a campaign's 慈善中国 disclosures: progress (every 3 months) and final");
  const client = (options: ConnectionOptions) => registryClient(context, options, 'alipay');

  withConnectionOptions(disclosure.command('list'))
    .description("list a campaign's recorded disclosures")
    .requiredOption('--campaign <id>', 'the campaign id')
    .action(async (options: ConnectionOptions & { campaign: string }) => {
      const campaignId = checkedArguments(CampaignIdSchema, options.campaign);
      context.output.result(await client(options).listDisclosures(campaignId), describeRecords);
    });

  withConnectionOptions(disclosure.command('add'))
    .description('record a disclosure as made (the same period again replaces it; audited)')
    .requiredOption('--campaign <id>', 'the campaign id, as registered')
    .addOption(
      new Option('--kind <kind>', 'progress or final')
        .choices(DisclosureKindSchema.options)
        .makeOptionMandatory(),
    )
    .requiredOption('--period-start <YYYY-MM-DD>', "the period's first day, as the calendar lists")
    .requiredOption('--period-end <YYYY-MM-DD>', "the period's last day")
    .requiredOption('--made-on <YYYY-MM-DD>', 'the day it was published on 慈善中国 (Beijing)')
    .requiredOption('--link <url>', 'its 慈善中国 page (https)')
    .action(async (options: DisclosureOptions) => {
      const recorded = await client(options).recordDisclosure(disclosureOf(options));
      context.output.result(recorded, (record) => `recorded ${describeRecord(record)}`);
    });
}

/** The options as a disclosure record, checked against the contract before anything is sent. */
export function disclosureOf(options: DisclosureOptions) {
  return checkedArguments(DisclosureRecordSchema, {
    campaignId: options.campaign,
    kind: options.kind,
    periodStart: options.periodStart,
    periodEnd: options.periodEnd,
    madeOn: options.madeOn,
    link: options.link,
  });
}

export function describeRecords(records: DisclosureRecordView[]): string {
  return [...records.map(describeRecord), `${records.length} disclosures`].join('\n');
}

function describeRecord(record: DisclosureRecordView): string {
  const period = `${record.periodStart}..${record.periodEnd}`;
  return `${record.campaignId}  ${record.kind.padEnd(8)} ${period}  made ${record.madeOn}  ${record.link}`;
}
