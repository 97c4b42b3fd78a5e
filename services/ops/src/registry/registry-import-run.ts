import { readFile } from 'node:fs/promises';
import type { OpsContext } from '../ops-context';
import { OpsError } from '../ops-error';
import type { CsvRow } from './registry-import';

export interface ImportLine {
  line: number;
  change: string;
  reason?: string;
  message?: string;
}

export interface ImportReport {
  dryRun: boolean;
  lines: ImportLine[];
}

export async function readCsv(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new OpsError('OPS.FILE_UNREADABLE', `cannot read ${file}: ${error.code ?? ''}`);
  });
}

/**
 * Sends each checked line in order (`add`), with a progress bar; a refused line is reported and
 * the next one sent. An unreachable adapter ends the import (the lines before it are reported).
 */
export async function importLines<T>(
  context: OpsContext,
  rows: CsvRow<T>[],
  send: (entry: T) => Promise<{ change: string }>,
): Promise<ImportLine[]> {
  const progress = context.progress()('registering', rows.length);
  const lines: ImportLine[] = [];
  for (const row of rows) {
    lines.push(await importRow(row, send));
    progress.advance();
  }
  progress.stop();
  return lines;
}

async function importRow<T>(
  row: CsvRow<T>,
  send: (entry: T) => Promise<{ change: string }>,
): Promise<ImportLine> {
  if (!row.ok) {
    return { line: row.line, change: 'refused', reason: row.reason, message: row.message };
  }
  try {
    return { line: row.line, change: (await send(row.entry)).change };
  } catch (error) {
    if (!(error instanceof OpsError) || error.code === 'OPS.ADAPTER_UNREACHABLE') throw error;
    return { line: row.line, change: 'refused', reason: error.code, message: error.message };
  }
}

export function describeImport(report: ImportReport): string {
  const count = (change: string) => report.lines.filter((line) => line.change === change).length;
  const refused = report.lines
    .filter((line) => line.change === 'refused')
    .map((line) => `line ${line.line}  ${line.reason}  ${line.message}`);
  const summary =
    `${report.lines.length} lines${report.dryRun ? ' checked (dry run: nothing written)' : ''}: ` +
    `${count('created')} created, ${count('unchanged')} unchanged, ${count('refused')} refused`;
  return [...refused, summary].join('\n');
}
