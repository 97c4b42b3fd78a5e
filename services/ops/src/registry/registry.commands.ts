import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import {
  CampaignRegistrationResult,
  CampaignRegistrationSchema,
  CampaignRegistrationUpdateSchema,
  CampaignRegistryView,
  Platform,
  PLATFORMS,
} from '@donations/contracts';
import { adapterUrls } from '../adapters/adapter-urls';
import { OperatorClient } from '../adapters/operator-client';
import { listValue } from '../cli-values';
import { actorOf, operatorToken, OpsContext } from '../ops-context';
import { OpsError } from '../ops-error';
import { REGISTRY_CSV_COLUMNS, RegistryCsvRow, registryCsvRows } from './registry-import';

interface ConnectionOptions {
  adapter?: string[];
  token?: string;
  actor?: string;
}

interface UpdateOptions extends ConnectionOptions {
  platform: Platform;
  project: string;
  campaign?: string;
  charity?: string;
  title?: string;
  dryRun?: boolean;
}

interface AddOptions extends ConnectionOptions {
  platform: Platform;
  project: string;
  campaign: string;
  charity: string;
  title?: string;
  dryRun?: boolean;
}

/**
 * `ops registry campaigns list | add`: the campaign registry (platform project or merchant id ->
 * campaign and charity), through the adapters' operator endpoints, which audit each change.
 */
export function registerRegistryCommands(program: Command, context: OpsContext): void {
  const campaigns = program
    .command('registry')
    .description('the campaign registry the adapters map platform projects with')
    .command('campaigns')
    .description('campaign registrations: a platform project or merchant id -> campaign, charity');

  withConnectionOptions(campaigns.command('list'))
    .description('list registrations')
    .addOption(new Option('--platform <platform>', 'only this platform').choices(PLATFORMS))
    .action(async (options: ConnectionOptions & { platform?: Platform }) => {
      const rows = await client(context, options, options.platform ?? 'alipay').listCampaigns(
        options.platform,
      );
      context.output.result(rows, describeRows);
    });

  withConnectionOptions(campaigns.command('add'))
    .description(
      'register a platform project or merchant id to a campaign and its charity (audited)',
    )
    .addOption(
      new Option('--platform <platform>', 'the platform').choices(PLATFORMS).makeOptionMandatory(),
    )
    .requiredOption(
      '--project <id>',
      "the platform's project or merchant id (WeChat Pay: the mchid)",
    )
    .requiredOption('--campaign <id>', 'the campaign id (慈善中国 filing number, or your own id)')
    .requiredOption('--charity <uscc>', "the charity's 统一社会信用代码 (USCC, checked)")
    .option('--title <title>', 'a name for people')
    .option('--dry-run', 'check and say what would change; write nothing')
    .action(async (options: AddOptions) => {
      const entry = registrationOf(options);
      const result = await client(context, options, options.platform).addCampaign(
        entry,
        options.dryRun === true,
      );
      context.output.result(result, describeResult);
    });

  registerUpdate(campaigns, context);
  registerImport(campaigns, context);
}

/** `import <csv>`: `add` for each line, in order, with a report per line. */
function registerImport(campaigns: Command, context: OpsContext): void {
  withConnectionOptions(campaigns.command('import'))
    .description(
      `register every line of a CSV (${REGISTRY_CSV_COLUMNS.join(',')}), each as add does`,
    )
    .argument('<csv>', 'the CSV file, with a header row')
    .option('--dry-run', 'check every line and say what would change; write nothing')
    .action(async (file: string, options: ConnectionOptions & { dryRun?: boolean }) => {
      const csv = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new OpsError('OPS.FILE_UNREADABLE', `cannot read ${file}: ${error.code ?? ''}`);
      });
      const rows = registryCsvRows(csv);
      const progress = context.progress()('registering', rows.length);
      const lines = [];
      for (const row of rows) {
        lines.push(await importRow(context, options, row));
        progress.advance();
      }
      progress.stop();
      const report = { dryRun: options.dryRun === true, lines };
      context.output.result(report, describeImport);
    });
}

async function importRow(
  context: OpsContext,
  options: ConnectionOptions & { dryRun?: boolean },
  row: RegistryCsvRow,
): Promise<{ line: number; change: string; reason?: string; message?: string }> {
  if (!row.ok)
    return { line: row.line, change: 'refused', reason: row.reason, message: row.message };
  try {
    const result = await client(context, options, row.entry.platform).addCampaign(
      row.entry,
      options.dryRun === true,
    );
    return { line: row.line, change: result.change };
  } catch (error) {
    if (!(error instanceof OpsError) || error.code === 'OPS.ADAPTER_UNREACHABLE') throw error;
    return { line: row.line, change: 'refused', reason: error.code, message: error.message };
  }
}

function describeImport(report: {
  dryRun: boolean;
  lines: Awaited<ReturnType<typeof importRow>>[];
}) {
  const count = (change: string) => report.lines.filter((line) => line.change === change).length;
  const refused = report.lines
    .filter((line) => line.change === 'refused')
    .map((line) => `line ${line.line}  ${line.reason}  ${line.message}`);
  const summary =
    `${report.lines.length} lines${report.dryRun ? ' checked (dry run: nothing written)' : ''}: ` +
    `${count('created')} created, ${count('unchanged')} unchanged, ${count('refused')} refused`;
  return [...refused, summary].join('\n');
}

/** `update`: only what is given changes; checked against the contract before it is sent. */
function registerUpdate(campaigns: Command, context: OpsContext): void {
  withConnectionOptions(campaigns.command('update'))
    .description('point a registered id at another campaign or charity, or retitle it (audited)')
    .addOption(
      new Option('--platform <platform>', 'the platform').choices(PLATFORMS).makeOptionMandatory(),
    )
    .requiredOption('--project <id>', "the platform's project or merchant id")
    .option('--campaign <id>', 'the new campaign id')
    .option('--charity <uscc>', "the new charity's USCC (checked)")
    .option('--title <title>', 'the new name for people')
    .option('--dry-run', 'check and say what would change; write nothing')
    .action(async (options: UpdateOptions) => {
      const parsed = CampaignRegistrationUpdateSchema.safeParse({
        platform: options.platform,
        platformProjectId: options.project,
        campaignId: options.campaign,
        charityId: options.charity,
        title: options.title,
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new OpsError('OPS.INVALID_ARGUMENT', `${issue?.path.join('.')}: ${issue?.message}`);
      }
      const result = await client(context, options, options.platform).updateCampaign(
        parsed.data,
        options.dryRun === true,
      );
      context.output.result(result, describeResult);
    });
}

/** The options as a registration, checked against the contract before anything is sent. */
export function registrationOf(options: AddOptions) {
  const parsed = CampaignRegistrationSchema.safeParse({
    platform: options.platform,
    platformProjectId: options.project,
    campaignId: options.campaign,
    charityId: options.charity,
    ...(options.title === undefined ? {} : { title: options.title }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OpsError('OPS.INVALID_ARGUMENT', `${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function withConnectionOptions(command: Command): Command {
  return command
    .option(
      '--adapter <platform=url>',
      'an adapter base URL (repeatable; default: local ports)',
      listValue,
    )
    .option('--token <token>', "the adapters' operator token (default: env OPERATOR_TOKEN)")
    .option('--actor <name>', 'who changes it, for the audit (default: env OPS_ACTOR or login)');
}

function client(context: OpsContext, options: ConnectionOptions, platform: Platform) {
  const url = adapterUrls(options.adapter ?? [])[platform];
  return new OperatorClient(
    url,
    operatorToken(context, options.token),
    actorOf(context, options.actor),
  );
}

function describeRows(rows: CampaignRegistryView[]): string {
  const lines = rows.map(
    (row) =>
      `${row.platform.padEnd(8)}${row.platformProjectId.padEnd(24)} -> ${row.campaignId}  ${row.charityId}${row.title ? `  ${row.title}` : ''}`,
  );
  return [...lines, `${rows.length} registrations`].join('\n');
}

function describeResult(result: CampaignRegistrationResult): string {
  const { entry } = result;
  const what = `${entry.platform} project ${entry.platformProjectId} -> campaign ${entry.campaignId} (charity ${entry.charityId})`;
  if (result.change === 'unchanged') return `unchanged: ${what}`;
  const [verb, done] =
    result.change === 'created' ? ['register', 'registered'] : ['update', 'updated'];
  const before = result.change === 'updated' ? result.before : undefined;
  const moved =
    before && (before.campaignId !== entry.campaignId || before.charityId !== entry.charityId);
  const was = moved ? ` (was campaign ${before.campaignId}, charity ${before.charityId})` : '';
  return result.dryRun ? `would ${verb} ${what}${was} (dry run)` : `${done} ${what}${was}`;
}
