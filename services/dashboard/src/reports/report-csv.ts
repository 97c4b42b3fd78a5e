import ExcelJS from 'exceljs';
import type { ReportDocument } from './report-document';
import { ColumnKind, reportSections } from './report-sections';

/**
 * A text cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first: a
 * registry name such as `=HYPERLINK(...)`) gets a leading apostrophe, as OWASP advises for CSV.
 * Figures are never touched: a negative net stays a number.
 */
export function inertText(value: string, kind: ColumnKind): string {
  return kind === 'text' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * The report as one CSV file: each section as its title line, its header line and its rows, a
 * blank line between sections. UTF-8 with a byte order mark, so that Excel reads the Chinese
 * labels right; CRLF line ends (RFC 4180). The quoting is fast-csv's, through exceljs's CSV
 * writer (exceljs is a dependency; fast-csv is its own), not written by hand.
 */
export async function renderCsv(document: ReportDocument): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('report');
  reportSections(document).forEach((section, index) => {
    if (index > 0) sheet.addRow([]);
    sheet.addRow([section.title]);
    sheet.addRow(section.columns.map((column) => column.label));
    for (const row of section.rows) {
      sheet.addRow(row.map((value, i) => inertText(value, section.columns[i]?.kind ?? 'text')));
    }
  });
  const csv = await workbook.csv.writeBuffer({
    sheetName: 'report',
    formatterOptions: { writeBOM: true, rowDelimiter: '\r\n' },
  });
  return Buffer.from(csv);
}
