import { setImmediate as nextTick } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { REQUIRED_COLUMNS, StatementColumns, StatementFormat } from './statement-format';
import { StatementError, StatementRowCode } from './statement.errors';

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

interface SourceLine {
  line: number;
  text: string;
}

/** Lines parsed per csv-parse call; the event loop gets a turn between chunks. */
const CHUNK_LINES = 2_000;
/** No statement row is this long; a longer line is rejected and cut to fit a dead letter. */
export const MAX_LINE_CHARS = 16 * 1024;

/**
 * Parses a statement file: UTF-8 (with or without BOM) or GB18030/GBK text, one record per line
 * (RFC 4180 quoting within a line; a line break inside a field is not supported). A line that is
 * not valid CSV or has the wrong number of cells is rejected on its own; the others still count.
 */
export async function parseStatementCsv(
  bytes: Buffer,
  format: StatementFormat,
): Promise<ParsedStatement> {
  const [headerLine, ...body] = tableLines(decodeStatement(bytes), format);
  const headerCells = headerLine ? parseLine(headerLine.text) : undefined;
  if (!headerLine || !headerCells) {
    throw new StatementError('STATEMENT.MALFORMED_FILE', 'the statement has no CSV header line');
  }
  const columns = columnIndex(
    headerCells.map((cell) => clean(cell, format)),
    format,
  );
  const records: StatementRecord[] = [];
  const rejected: RejectedRow[] = [];
  for (let start = 0; start < body.length; start += CHUNK_LINES) {
    const chunk = body.slice(start, start + CHUNK_LINES);
    parseChunk(chunk).forEach((cells, i) => {
      const row = rowOf(chunk[i], cells, headerCells.length, (values) =>
        valuesOf(values, columns, format),
      );
      if ('code' in row) rejected.push(row);
      else records.push(row);
    });
    await nextTick();
  }
  return { header: headerLine.text, records, rejected };
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

/** UTF-8 when the bytes are valid UTF-8, else GB18030 (a superset of GBK, as Alipay exports). */
export function decodeStatement(bytes: Uint8Array): string {
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      // try the next encoding
    }
  }
  throw new StatementError(
    'STATEMENT.MALFORMED_FILE',
    'the statement is not UTF-8 or GB18030 text',
  );
}

/** Data lines with their numbers: no blank or comment lines, nothing after the end marker. */
function tableLines(text: string, format: StatementFormat): SourceLine[] {
  const lines: SourceLine[] = [];
  const physical = text.split(/\r?\n/);
  for (let i = 0; i < physical.length; i += 1) {
    const line = physical[i] ?? '';
    if (line.trim() === '') continue;
    if (format.commentPrefix && line.startsWith(format.commentPrefix)) continue;
    if (format.endMarker && firstCell(line, format) === format.endMarker) break;
    lines.push({ line: i + 1, text: line });
  }
  return lines;
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
