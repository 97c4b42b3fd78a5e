import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { STATEMENT_BODY_LIMIT_BYTES } from '@donations/adapter-kit';
import { Platform, PLATFORMS } from '@donations/contracts';
import { Output } from '../output';
import { loadOpsEnv } from '../ops-env';
import { postStatement, StatementImportError } from './statement-client';
import { describeStatementReport } from './statement-summary';

interface ImportStatementOptions {
  platform: Platform;
  file: string;
  adapterUrl: string;
  token?: string;
  dryRun?: boolean;
}

/** `ops import-statement`: posts a daily statement (对账单) to its adapter, prints the report. */
export function registerStatementCommands(program: Command, output: Output): void {
  program
    .command('import-statement')
    .description(
      "import a platform's daily statement (对账单) CSV through its adapter: fills donations no " +
        'webhook delivered and reports discrepancies (formats: libs/adapter-kit/src/statements)',
    )
    .addOption(
      new Option('--platform <platform>', 'the platform').choices(PLATFORMS).makeOptionMandatory(),
    )
    .requiredOption('--file <path>', 'the statement CSV file')
    .requiredOption('--adapter-url <url>', "the platform adapter's base URL")
    .option('--token <token>', 'import token (default: env STATEMENT_IMPORT_TOKEN)')
    .option('--dry-run', 'report only: emit, record and dead-letter nothing')
    .action(async (options: ImportStatementOptions) => {
      const report = await postStatement({
        adapterUrl: options.adapterUrl,
        platform: options.platform,
        token: tokenOf(options),
        dryRun: options.dryRun === true,
        csv: await statementFile(options.file),
      });
      output.result(report, describeStatementReport);
    });
}

function tokenOf(options: ImportStatementOptions): string {
  const token = options.token ?? loadOpsEnv().STATEMENT_IMPORT_TOKEN;
  if (token === undefined) {
    throw new StatementImportError(
      'OPS.TOKEN_REQUIRED',
      'give --token or set STATEMENT_IMPORT_TOKEN',
    );
  }
  return token;
}

async function statementFile(path: string): Promise<Buffer> {
  const csv = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new StatementImportError(
      'OPS.FILE_UNREADABLE',
      `cannot read ${path}: ${error.code ?? error.message}`,
    );
  });
  if (csv.length > STATEMENT_BODY_LIMIT_BYTES) {
    throw new StatementImportError(
      'OPS.FILE_TOO_LARGE',
      `${path} is over ${STATEMENT_BODY_LIMIT_BYTES / 1024 / 1024} MiB: split it by day`,
    );
  }
  return csv;
}
