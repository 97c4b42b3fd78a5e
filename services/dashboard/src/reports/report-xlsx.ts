import ExcelJS from 'exceljs';
import type { ReportDocument } from './report-document';
import { ColumnKind, reportSections } from './report-sections';

/** A cell's value: figures as numbers (summable in Excel), text as text. */
export function cellValue(value: string, kind: ColumnKind): string | number {
  if (kind === 'text' || value === '') return value;
  const number = Number(value);
  // A figure a double cannot hold (beyond 2^53 fen, or ~16 digits of yuan) stays exact text.
  const digits = value.split('.')[1]?.length ?? 0;
  const exact =
    kind === 'integer' ? Number.isSafeInteger(number) : number.toFixed(digits) === value;
  return exact ? number : value;
}

/** Excel's display of a column: major units with the digits the figure has ("0.00" for fen). */
function numberFormat(value: string, kind: ColumnKind): string | undefined {
  if (kind === 'integer') return '0';
  if (kind !== 'decimal') return undefined;
  const digits = value.split('.')[1]?.length ?? 0;
  return digits === 0 ? '#,##0' : `#,##0.${'0'.repeat(digits)}`;
}

/**
 * The report as a workbook: one sheet per section (the report's facts, then the figures per
 * currency, platform, month, campaign and the control line), its header row frozen and bold.
 * Figures are numbers with their format; a major-unit number is the figure's exact decimal
 * text read once, so Excel shows it to the fen.
 */
export async function renderXlsx(document: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(document.generatedAt);
  for (const section of reportSections(document)) {
    const sheet = workbook.addWorksheet(section.title, {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = section.columns.map((column) => ({
      header: column.label,
      width: Math.max(12, Math.min(40, column.label.length + 6)),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const values of section.rows) {
      const row = sheet.addRow(values.map((value, i) => cellValue(value, kindAt(section, i))));
      values.forEach((value, i) => {
        const format = numberFormat(value, kindAt(section, i));
        if (format !== undefined) row.getCell(i + 1).numFmt = format;
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const kindAt = (section: { columns: readonly { kind: ColumnKind }[] }, index: number) =>
  section.columns[index]?.kind ?? 'text';
