import ExcelJS from 'exceljs';
import {
  aLedgerReport,
  aReportDocument,
  AWKWARD_NAMES,
  someFigures,
  SECTION_TITLES,
} from '../../test/reports.builders';
import { cellValue, renderXlsx } from './report-xlsx';

async function readBack(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as cell values, the header row first. */
function rowsOf(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('renderXlsx', () => {
  it('has one sheet per section, each with its header row frozen', async () => {
    const workbook = await readBack(await renderXlsx(aReportDocument()));

    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(SECTION_TITLES);
    for (const sheet of workbook.worksheets) {
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
    }
  });

  it('writes figures as numbers with the digits of the currency', async () => {
    const usdOnly = aLedgerReport().currencies.filter((c) => c.currency === 'USD');
    const document = aReportDocument({
      currencies: [
        ...usdOnly,
        { currency: 'JPY', ...someFigures(1200n, 300n, 2, 1), byPlatform: [], byMonth: [] },
      ],
    });
    const workbook = await readBack(await renderXlsx(document));

    const summary = workbook.getWorksheet('汇总 Summary')!;
    expect(rowsOf(summary).slice(1)).toEqual([
      ['USD', 25.5, 2550, 0, 0, 25.5, 2550, 1, 0],
      ['JPY', 1200, 1200, 300, 300, 900, 900, 2, 1],
    ]);
    expect(summary.getCell('B2').numFmt).toBe('#,##0.00');
    expect(summary.getCell('B3').numFmt).toBe('#,##0');
    const months = rowsOf(workbook.getWorksheet('月份 Months'));
    expect(months[1]?.slice(0, 4)).toEqual(['USD', '2026-09', 25.5, 2550]);
  });

  it('keeps a figure no double can hold as its exact text, and negative nets as numbers', async () => {
    const workbook = await readBack(await renderXlsx(aReportDocument()));

    const [, cny] = rowsOf(workbook.getWorksheet('汇总 Summary'));
    expect(cny?.slice(0, 3)).toEqual(['CNY', '90071992547410.93', '9007199254741093']);
    const months = rowsOf(workbook.getWorksheet('月份 Months'));
    expect(months[2]?.slice(1, 8)).toEqual(['2026-08', 1, 100, 10.05, 1005, -9.05, -905]);
    expect(rowsOf(workbook.getWorksheet('核对 Control'))[1]).toEqual([6, '9007199254744648']);
  });

  it('keeps names as text, whatever characters they hold', async () => {
    const workbook = await readBack(await renderXlsx(aReportDocument()));

    const campaigns = rowsOf(workbook.getWorksheet('项目 Campaigns'));
    expect(campaigns[1]?.slice(0, 3)).toEqual([
      'C-2026-001',
      AWKWARD_NAMES.campaigns['C-2026-001'],
      'CNY',
    ]);
    const report = new Map(
      rowsOf(workbook.getWorksheet('报告 Report')).map(([key, value]) => [key, value]),
    );
    expect(report.get('慈善组织名称 Charity name')).toBe(AWKWARD_NAMES.charity);
    expect(report.get('编号 Id')).toBe(aLedgerReport().id);
  });
});

describe('cellValue', () => {
  it.each([
    ['12.30', 'decimal', 12.3],
    ['-0.05', 'decimal', -0.05],
    ['9007199254740991', 'integer', 9007199254740991],
    ['9007199254740993', 'integer', '9007199254740993'],
    ['00123', 'text', '00123'],
  ] as const)('reads %j in a %s column as %j', (value, kind, expected) => {
    expect(cellValue(value, kind)).toBe(expected);
  });
});
