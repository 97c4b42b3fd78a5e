import { Command } from 'commander';
import {
  CharityRegistrationResult,
  CharityRegistrationSchema,
  CharityRegistrationUpdateSchema,
  CharityRegistryView,
} from '@donations/contracts';
import type { OpsContext } from '../ops-context';
import {
  checkedArguments,
  ConnectionOptions,
  defined,
  registryClient,
  withConnectionOptions,
} from './registry-connection';
import { CHARITY_CSV_COLUMNS, charityCsvRows } from './registry-import';
import { describeImport, importLines, readCsv } from './registry-import-run';

interface CharityOptions extends ConnectionOptions {
  uscc: string;
  name?: string;
  region?: string;
  dryRun?: boolean;
}

/** `ops registry charities list | add | update | import <csv>`, through an adapter (audited). */
export function registerCharityCommands(registry: Command, context: OpsContext): void {
  const charities = registry
    .command('charities')
    .description('charities: 统一社会信用代码 (USCC, checked), name, region');
  const client = (options: ConnectionOptions) => registryClient(context, options, 'alipay');

  withConnectionOptions(charities.command('list'))
    .description('list registered charities')
    .action(async (options: ConnectionOptions) => {
      context.output.result(await client(options).listCharities(), describeCharities);
    });

  withConnectionOptions(charities.command('add'))
    .description('register a charity (audited)')
    .requiredOption('--uscc <code>', '统一社会信用代码, 18 characters (check character checked)')
    .requiredOption('--name <name>', "the charity's registered name")
    .requiredOption('--region <region>', 'where it is registered (北京市, 广东省深圳市, ...)')
    .option('--dry-run', 'check and say what would change; write nothing')
    .action(async (options: CharityOptions) => {
      const entry = checkedArguments(CharityRegistrationSchema, charityFields(options));
      const result = await client(options).addCharity(entry, options.dryRun === true);
      context.output.result(result, describeCharityResult);
    });

  withConnectionOptions(charities.command('update'))
    .description("change a registered charity's name or region (audited)")
    .requiredOption('--uscc <code>', 'the charity to change')
    .option('--name <name>', 'the new name')
    .option('--region <region>', 'the new region')
    .option('--dry-run', 'check and say what would change; write nothing')
    .action(async (options: CharityOptions) => {
      const update = checkedArguments(CharityRegistrationUpdateSchema, charityFields(options));
      const result = await client(options).updateCharity(update, options.dryRun === true);
      context.output.result(result, describeCharityResult);
    });

  withConnectionOptions(charities.command('import'))
    .description(`register every line of a CSV (${CHARITY_CSV_COLUMNS.join(',')}), as add does`)
    .argument('<csv>', 'the CSV file, with a header row')
    .option('--dry-run', 'check every line and say what would change; write nothing')
    .action(async (file: string, options: ConnectionOptions & { dryRun?: boolean }) => {
      const rows = charityCsvRows(await readCsv(file));
      const dryRun = options.dryRun === true;
      const lines = await importLines(context, rows, (entry) =>
        client(options).addCharity(entry, dryRun),
      );
      context.output.result({ dryRun, lines }, describeImport);
    });
}

function charityFields(options: CharityOptions) {
  return defined({ uscc: options.uscc, name: options.name, region: options.region });
}

function describeCharities(rows: CharityRegistryView[]): string {
  const lines = rows.map((row) => `${row.uscc}  ${row.name}  ${row.region}`);
  return [...lines, `${rows.length} charities`].join('\n');
}

function describeCharityResult(result: CharityRegistrationResult): string {
  const { entry } = result;
  const what = `charity ${entry.uscc} ${entry.name} (${entry.region})`;
  if (result.change === 'unchanged') return `unchanged: ${what}`;
  const [verb, done] =
    result.change === 'created' ? ['register', 'registered'] : ['update', 'updated'];
  const before = result.before;
  const was =
    before && result.change === 'updated' ? ` (was ${before.name}, ${before.region})` : '';
  return result.dryRun ? `would ${verb} ${what}${was} (dry run)` : `${done} ${what}${was}`;
}
