import { Readable } from 'node:stream';
import { setImmediate as nextTick } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { REQUIRED_COLUMNS, StatementColumns, StatementFormat } from './statement-format';
import { MAX_LINE_CHARS, SourceLine, statementLines } from './statement-lines';
import { StatementError, StatementRowCode } from './statement.errors';

export { MAX_LINE_CHARS };

export type ColumnKey = keyof StatementColumns;

/** One data line of a statement, its cells found by column. */
export interface StatementRecord {
  /** 1-based line number in the file. */
  line: number;
  /** The line as it was in the file (dead letters carry it). */
  text: string;
  values: Partial<Record<ColumnKey, string>>;
}

/** A line that was not imported, and why. */
export interface RejectedRow {
  line: number;
  text: string;
  code: StatementRowCode;
  message: string;
}

export interface ParsedStatement {
  /** The header line, kept with dead letters so that a rejected row can be read and re-driven. */
  header: string;
  records: StatementRecord[];
  rejected: RejectedRow[];
}

/** One batch of a statement's lines, parsed; `header` is the table's header line. */
export interface ParsedChunk {
  header: string;
  records: StatementRecord[];
  rejected: RejectedRow[];
}

interface Table {
  header: string;
  headerLength: number;
  columns: Map<ColumnKey, number>;
}

/**
 * Parses a statement streamed as batches of lines (statementLines), one batch at a time: one
 * record per line (RFC 4180 quoting within a line; a line break inside a field is not
 * supported), so a line that is not valid CSV or has the wrong number of cells is rejected on its
 * own and the others still count. csv-parse parses each batch in one call (line by line only
 * when some line of the batch is broken). Blank and comment lines are skipped; nothing after the
 * end marker is read.
 */
export async function* parseStatementLines(
  batches: AsyncIterable<SourceLine[]>,
  format: StatementFormat,
): AsyncGenerator<ParsedChunk> {
  let table: Table | undefined;
  for await (const batch of batches) {
    const { lines, ended } = tableLines(batch, format);
    if (!table) {
      const first = lines.shift();
      if (first) table = tableOf(first, format);
    }
    if (table && lines.length > 0) yield parseLines(lines, table, format);
    if (ended) break;
    await nextTick();
  }
  if (!table) {
    throw new StatementError('STATEMENT.MALFORMED_FILE', 'the statement has no CSV header line');
  }
}

/** A whole statement in memory, parsed (the formats' examples and the unit specs use it). */
export async function parseStatementCsv(
  bytes: Buffer,
  format: StatementFormat,
): Promise<ParsedStatement> {
  const parsed: ParsedStatement = { header: '', records: [], rejected: [] };
  for await (const chunk of parseStatementLines(
    statementLines(Readable.from([bytes]), Infinity),
    format,
  )) {
    parsed.header = chunk.header;
    parsed.records.push(...chunk.records);
    parsed.rejected.push(...chunk.rejected);
  }
  return parsed;
}

function tableOf(headerLine: SourceLine, format: StatementFormat): Table {
  const cells = parseLine(headerLine.text);
  if (!cells) {
    throw new StatementError('STATEMENT.MALFORMED_FILE', 'the statement has no CSV header line');
  }
  const columns = columnIndex(
    cells.map((cell) => clean(cell, format)),
    format,
  );
  return { header: headerLine.text, headerLength: cells.length, columns };
}

function parseLines(lines: SourceLine[], table: Table, format: StatementFormat): ParsedChunk {
  const chunk: ParsedChunk = { header: table.header, records: [], rejected: [] };
  parseChunk(lines).forEach((cells, i) => {
    const row = rowOf(lines[i], cells, table.headerLength, (values) =>
      valuesOf(values, table.columns, format),
    );
    if ('code' in row) chunk.rejected.push(row);
    else chunk.records.push(row);
  });
  return chunk;
}

/** A parsed line as a record, or why it is rejected. */
function rowOf(
  source: SourceLine,
  cells: string[] | undefined,
  headerLength: number,
  toValues: (cells: string[]) => StatementRecord['values'],
): StatementRecord | RejectedRow {
  if (source.text.length > MAX_LINE_CHARS) {
    const cut = { ...source, text: source.text.slice(0, MAX_LINE_CHARS) };
    return malformed(cut, `the line is longer than ${MAX_LINE_CHARS} characters`);
  }
  if (cells === undefined) return malformed(source, 'the line is not valid CSV');
  if (cells.length !== headerLength) {
    return malformed(source, `expected ${headerLength} cells, found ${cells.length}`);
  }
  return { ...source, values: toValues(cells) };
}

/** The batch's table lines: no blank or comment lines, nothing from the end marker on. */
function tableLines(
  batch: SourceLine[],
  format: StatementFormat,
): { lines: SourceLine[]; ended: boolean } {
  const lines: SourceLine[] = [];
  for (const source of batch) {
    const text = source.text;
    if (text.trim() === '') continue;
    if (format.commentPrefix && text.startsWith(format.commentPrefix)) continue;
    if (format.endMarker && firstCell(text, format) === format.endMarker) {
      return { lines, ended: true };
    }
    lines.push(source);
  }
  return { lines, ended: false };
}

function firstCell(line: string, format: StatementFormat): string {
  return clean((line.split(',')[0] ?? '').replace(/^"|"$/g, ''), format);
}

function columnIndex(header: string[], format: StatementFormat): Map<ColumnKey, number> {
  const index = new Map<ColumnKey, number>();
  for (const [key, name] of Object.entries(format.columns) as [ColumnKey, string][]) {
    const at = header.indexOf(name);
    if (at >= 0) index.set(key, at);
  }
  const missing: ColumnKey[] = REQUIRED_COLUMNS.filter((key) => !index.has(key));
  const hasCampaign = index.has('projectId') || (index.has('campaignId') && index.has('charityId'));
  if (!hasCampaign) missing.push('projectId');
  if (missing.length > 0) {
    const names = [...new Set(missing.map((key) => format.columns[key]))];
    throw new StatementError(
      'STATEMENT.MALFORMED_FILE',
      `not a ${format.platform} statement: missing column(s) ${names.join(', ')}`,
    );
  }
  return index;
}

/** One csv-parse call for the chunk; line by line when some line is not valid on its own. */
function parseChunk(chunk: SourceLine[]): (string[] | undefined)[] {
  try {
    const records = parse(chunk.map((source) => source.text).join('\n'), CSV_OPTIONS);
    if (records.length === chunk.length) return records;
  } catch {
    // some line is broken: find it below
  }
  return chunk.map((source) => parseLine(source.text));
}

const CSV_OPTIONS = { trim: true, relax_column_count: true, record_delimiter: '\n' };

function parseLine(text: string): string[] | undefined {
  try {
    const records = parse(text, CSV_OPTIONS);
    return records.length === 1 ? records[0] : undefined;
  } catch {
    return undefined;
  }
}

function valuesOf(
  cells: string[],
  columns: Map<ColumnKey, number>,
  format: StatementFormat,
): Partial<Record<ColumnKey, string>> {
  const values: Partial<Record<ColumnKey, string>> = {};
  for (const [key, at] of columns) values[key] = clean(cells[at] ?? '', format);
  return values;
}

function clean(cell: string, format: StatementFormat): string {
  const trimmed = cell.trim();
  const { cellPrefix } = format;
  return cellPrefix && trimmed.startsWith(cellPrefix)
    ? trimmed.slice(cellPrefix.length).trim()
    : trimmed;
}

function malformed(source: SourceLine, message: string): RejectedRow {
  return { ...source, code: 'STATEMENT.MALFORMED_ROW', message };
}
