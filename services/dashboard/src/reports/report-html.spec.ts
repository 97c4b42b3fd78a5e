import { aLedgerReport, aReportDocument, AWKWARD_NAMES } from '../../test/reports.builders';
import { escapeHtml, renderHtml } from './report-html';

const unescape = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every table cell's text; a cell holding a raw `<` would not match, so escaping is checked. */
function cellsOf(html: string): string[] {
  return [...html.matchAll(/<td class="(?:text|integer|decimal)">([^<]*)<\/td>/g)].map((match) =>
    unescape(match[1]),
  );
}

describe('renderHtml', () => {
  it('shows every figure of the ledger report, in minor units and in yuan', () => {
    const report = aLedgerReport();
    const cells = cellsOf(renderHtml(aReportDocument()));

    const slices = [
      ...report.currencies,
      ...report.currencies.flatMap((c) => [...c.byPlatform, ...c.byMonth]),
      ...report.campaigns,
    ];
    for (const slice of slices) {
      for (const figure of [
        slice.raisedMinor,
        slice.refundedMinor,
        slice.netMinor,
        slice.donationCount,
        slice.refundCount,
      ]) {
        expect(cells).toContain(figure);
      }
    }
    expect(cells).toEqual(
      expect.arrayContaining(['90071992547410.93', '90071992547400.88', '-9.05', '25.50', '10.05']),
    );
    expect(cells).toEqual(expect.arrayContaining(['2026-07', '2026-08', '2026-09', 'stripe']));
  });

  it('shows the period and the generation time in Beijing time, and the control line', () => {
    const html = renderHtml(aReportDocument());

    expect(html).toContain('2026-Q3: 2026-07-01 – 2026-09-30 (北京时间 Beijing time)');
    expect(html).toContain('生成时间 Generated: 2026-10-01 00:30:05 (北京时间 Beijing time)');
    expect(html).toMatch(
      /核对 Control: 6 行账本记录 ledger rows, 金额合计 amount sum 9007199254744648/,
    );
    expect(cellsOf(html)).toEqual(expect.arrayContaining(['6', '9007199254744648']));
  });

  it('escapes every name, so no markup from the registry reaches the page', () => {
    const html = renderHtml(aReportDocument({ scope: 'campaign', id: 'C-2026-001' }));

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<工程>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(
      `<h1>捐赠报告 Donation report: ${escapeHtml(AWKWARD_NAMES.campaigns['C-2026-001'])} (C-2026-001)</h1>`,
    );
    expect(cellsOf(html)).toEqual(
      expect.arrayContaining([AWKWARD_NAMES.charity, AWKWARD_NAMES.campaigns['C-2026-001']]),
    );
  });

  it('is a page for A4 print with Chinese labels first', () => {
    const html = renderHtml(aReportDocument({ uniqueDonors: null }));

    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN">/);
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('<th>募集(元) Raised</th>');
    expect(cellsOf(html)).toContain('不可用 not available');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
