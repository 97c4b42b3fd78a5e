import { Command, Option } from 'commander';
import {
  CampaignRegistrationResult,
  CampaignRegistrationSchema,
  CampaignRegistrationUpdateSchema,
  CampaignRegistryView,
  Platform,
  PLATFORMS,
} from '@donations/contracts';
import type { OpsContext } from '../ops-context';
import { registerCharityCommands } from './charity.commands';
import { registerDisclosureCommands } from './disclosure.commands';
import {
  checkedArguments,
  ConnectionOptions,
  defined,
  registryClient,
  withConnectionOptions,
} from './registry-connection';
import { REGISTRY_CSV_COLUMNS, registryCsvRows } from './registry-import';
import { describeImport, importLines, readCsv } from './registry-import-run';

interface CampaignOptions extends ConnectionOptions {
  platform: Platform;
  project: string;
  campaign?: string;
  charity?: string;
  name?: string;
  title?: string;
  filing?: string;
  starts?: string;
  ends?: string;
  merchant?: string;
  dryRun?: boolean;
}

/**
 * `ops registry campaigns|charities list | add | update | import`, `ops registry disclosure
 * add | list`: the registry, through the adapters' operator endpoints, which audit each change.
 */
export function registerRegistryCommands(program: Command, context: OpsContext): void {
  const registry = program
    .command('registry')
    .description(
      'the registry: campaigns (platform ids -> campaign, charity), charities, disclosures',
    );
  const campaigns = registry
    .command('campaigns')
    .description('campaign registrations: a platform project or merchant id -> campaign, charity');

  withConnectionOptions(campaigns.command('list'))
    .description('list registrations')
    .addOption(new Option('--platform <platform>', 'only this platform').choices(PLATFORMS))
    .action(async (options: ConnectionOptions & { platform?: Platform }) => {
      const client = registryClient(context, options, options.platform ?? 'alipay');
      context.output.result(await client.listCampaigns(options.platform), describeRows);
    });

  withCampaignOptions(campaigns.command('add'), true)
    .description('register a platform project id to a campaign and its charity (audited)')
    .option('--merchant <mchid>', 'WeChat Pay (required): the merchant id a refund names')
    .action(async (options: CampaignOptions) => {
      const entry = registrationOf(options);
      const client = registryClient(context, options, options.platform);
      context.output.result(
        await client.addCampaign(entry, options.dryRun === true),
        describeResult,
      );
    });

  withCampaignOptions(campaigns.command('update'), false)
    .description("change a registered id's campaign, charity, name, filing or dates (audited)")
    .action(async (options: CampaignOptions) => {
      const update = checkedArguments(CampaignRegistrationUpdateSchema, fieldsOf(options));
      const client = registryClient(context, options, options.platform);
      context.output.result(
        await client.updateCampaign(update, options.dryRun === true),
        describeResult,
      );
    });

  withConnectionOptions(campaigns.command('import'))
    .description(`register every line of a CSV (${REGISTRY_CSV_COLUMNS.join(',')}), as add does`)
    .argument('<csv>', 'the CSV file, with a header row')
    .option('--dry-run', 'check every line and say what would change; write nothing')
    .action(async (file: string, options: ConnectionOptions & { dryRun?: boolean }) => {
      const rows = registryCsvRows(await readCsv(file));
      const dryRun = options.dryRun === true;
      const lines = await importLines(context, rows, (entry) =>
        registryClient(context, options, entry.platform).addCampaign(entry, dryRun),
      );
      context.output.result({ dryRun, lines }, describeImport);
    });

  registerCharityCommands(registry, context);
  registerDisclosureCommands(registry, context);
}

function withCampaignOptions(command: Command, adding: boolean): Command {
  const required = (flags: string, text: string) =>
    adding ? command.requiredOption(flags, text) : command.option(flags, text);
  withConnectionOptions(command)
    .addOption(
      new Option('--platform <platform>', 'the platform').choices(PLATFORMS).makeOptionMandatory(),
    )
    .requiredOption('--project <id>', "the platform's project id (WeChat Pay: what attach names)");
  required('--campaign <id>', 'the campaign id (慈善中国 filing number, or your own id)');
  required('--charity <uscc>', "the charity's 统一社会信用代码 (USCC, checked)");
  return command
    .option('--name <name>', "the campaign's name, as the dashboard shows it")
    .option('--title <name>', 'the same as --name')
    .option('--filing <number>', '慈善中国 公开募捐方案备案编号')
    .option('--starts <YYYY-MM-DD>', 'the first day of the campaign')
    .option('--ends <YYYY-MM-DD>', 'the last day of the campaign')
    .option('--dry-run', 'check and say what would change; write nothing');
}

function fieldsOf(options: CampaignOptions) {
  return defined({
    platform: options.platform,
    platformProjectId: options.project,
    campaignId: options.campaign,
    charityId: options.charity,
    title: options.name ?? options.title,
    filingNumber: options.filing,
    startsOn: options.starts,
    endsOn: options.ends,
  });
}

/** The options as a registration, checked against the contract before anything is sent. */
export function registrationOf(options: CampaignOptions) {
  return checkedArguments(
    CampaignRegistrationSchema,
    defined({ ...fieldsOf(options), merchantId: options.merchant }),
  );
}

function describeRows(rows: CampaignRegistryView[]): string {
  const lines = rows.map((row) => {
    const charity = row.charityName ? `${row.charityName} (${row.charityId})` : row.charityId;
    const dates = row.startsOn || row.endsOn ? `  ${row.startsOn ?? ''}..${row.endsOn ?? ''}` : '';
    const filing = row.filingNumber ? `  备案 ${row.filingNumber}` : '';
    const name = row.title ? `  ${row.title}` : '';
    return `${row.platform.padEnd(8)}${row.platformProjectId.padEnd(24)} -> ${row.campaignId}${name}  ${charity}${filing}${dates}`;
  });
  return [...lines, `${rows.length} registrations`].join('\n');
}

function describeResult(result: CampaignRegistrationResult): string {
  const { entry } = result;
  const merchant = entry.merchantId ? ` and merchant ${entry.merchantId}` : '';
  const what = `${entry.platform} project ${entry.platformProjectId}${merchant} -> campaign ${entry.campaignId} (charity ${entry.charityId})`;
  if (result.change === 'unchanged') return `unchanged: ${what}`;
  const [verb, done] =
    result.change === 'created' ? ['register', 'registered'] : ['update', 'updated'];
  const before = result.change === 'updated' ? result.before : undefined;
  const moved =
    before && (before.campaignId !== entry.campaignId || before.charityId !== entry.charityId);
  const was = moved ? ` (was campaign ${before.campaignId}, charity ${before.charityId})` : '';
  return result.dryRun ? `would ${verb} ${what}${was} (dry run)` : `${done} ${what}${was}`;
}
