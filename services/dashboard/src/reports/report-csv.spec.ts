import { parse } from 'csv-parse/sync';
import { aReportDocument, AWKWARD_NAMES, SECTION_TITLES } from '../../test/reports.builders';
import { inertText, renderCsv } from './report-csv';

/** The CSV's sections as parsed back: title -> [header, ...rows]. */
function sectionsOf(csv: Buffer): Map<string, string[][]> {
  const records: string[][] = parse(csv, { bom: true, relax_column_count: true });
  const sections = new Map<string, string[][]>();
  let current: string[][] = [];
  for (const record of records) {
    if (record.length === 1 && record[0] === '') continue;
    if (record.length === 1) sections.set(record[0], (current = []));
    else current.push(record);
  }
  return sections;
}

describe('renderCsv', () => {
  it('starts with a UTF-8 byte order mark and ends lines with CRLF', async () => {
    const csv = await renderCsv(aReportDocument());

    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.toString('utf8')).toContain('\r\n汇总 Summary\r\n');
  });

  it('parses back into every section with figures exact to the fen, in yuan and in fen', async () => {
    const sections = sectionsOf(await renderCsv(aReportDocument()));

    expect([...sections.keys()]).toEqual(SECTION_TITLES);
    const [header, cny, usd] = sections.get('汇总 Summary')!;
    expect(header).toEqual([
      '币种 Currency',
      '募集(元) Raised',
      '募集(分) Raised (minor units)',
      '退款(元) Refunded',
      '退款(分) Refunded (minor units)',
      '净额(元) Net',
      '净额(分) Net (minor units)',
      '捐赠笔数 Donations',
      '退款笔数 Refunds',
    ]);
    // Beyond 2^53 fen: a float would have rounded the last digit.
    expect(cny).toEqual([
      'CNY',
      '90071992547410.93',
      '9007199254741093',
      '10.05',
      '1005',
      '90071992547400.88',
      '9007199254740088',
      '4',
      '1',
    ]);
    expect(usd?.slice(0, 3)).toEqual(['USD', '25.50', '2550']);
    expect(
      sections
        .get('平台 Platforms')!
        .slice(1)
        .map((row) => row.slice(0, 3)),
    ).toEqual([
      ['CNY', 'alipay', '90071992547409.93'],
      ['CNY', 'tencent', '1.00'],
      ['USD', 'stripe', '25.50'],
    ]);
    const months = sections.get('月份 Months')!.slice(1);
    expect(months.map((row) => [row[1], row[6], row[7]])).toEqual([
      ['2026-07', '90071992547409.93', '9007199254740993'],
      ['2026-08', '-9.05', '-905'],
      ['2026-09', '25.50', '2550'],
    ]);
    expect(sections.get('核对 Control')).toEqual([
      ['账本行数 Ledger rows', '金额合计(最小单位) Amount sum (minor units)'],
      ['6', '9007199254744648'],
    ]);
  });

  it('quotes names with commas, quotes and line breaks so they parse back whole', async () => {
    const sections = sectionsOf(await renderCsv(aReportDocument()));

    const report = new Map(sections.get('报告 Report')!.map(([key, value]) => [key, value]));
    expect(report.get('慈善组织名称 Charity name')).toBe(AWKWARD_NAMES.charity);
    expect(report.get('期间 Period')).toBe('2026-Q3');
    expect(report.get('生成时间 Generated (北京时间 Beijing)')).toBe('2026-10-01 00:30:05');
    const campaigns = sections.get('项目 Campaigns')!.slice(1);
    expect(campaigns.map((row) => row.slice(0, 3))).toEqual([
      ['C-2026-001', `'${AWKWARD_NAMES.campaigns['C-2026-001']}`, 'CNY'],
      ['C-2026-002', '', 'USD'],
    ]);
  });

  it('says the unique donors are not available when the statistics gave none', async () => {
    const sections = sectionsOf(await renderCsv(aReportDocument({ uniqueDonors: null })));

    const donors = sections.get('报告 Report')!.find(([key]) => key.startsWith('独立捐赠人'));
    expect(donors?.[1]).toBe('不可用 not available');
  });
});

describe('inertText', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx'])('defuses %j in a text column', (value) => {
    expect(inertText(value, 'text')).toBe(`'${value}`);
  });

  it('leaves figures and plain text alone', () => {
    expect(inertText('-905', 'integer')).toBe('-905');
    expect(inertText('-9.05', 'decimal')).toBe('-9.05');
    expect(inertText('春蕾计划', 'text')).toBe('春蕾计划');
  });
});
