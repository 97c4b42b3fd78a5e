import { beijingTime, ReportDocument, subjectOf } from './report-document';
import { ReportSection, reportSections } from './report-sections';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: every character that could open markup is escaped. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

// A4 landscape: a figures table has up to 11 columns (each amount in yuan and in fen), which
// portrait would cut. Figures right-aligned in tabular digits; a table's header repeats on
// every page it spans and a row never splits across pages.
const STYLE = `
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  color: #111; margin: 0 auto; max-width: 273mm; font-size: 10pt; }
h1 { font-size: 15pt; margin: 0 0 2mm; }
h2 { font-size: 11.5pt; margin: 6mm 0 2mm; break-after: avoid; }
p.meta { margin: 0 0 1mm; color: #333; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; }
th, td { border: 0.5pt solid #999; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #eee; text-align: left; font-weight: 600; }
td.integer, td.decimal { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
p.empty { color: #666; font-style: italic; }
footer { margin-top: 6mm; color: #555; font-size: 8pt; }
@media print { body { max-width: none; } }
`;

function table(section: ReportSection): string {
  if (section.rows.length === 0) return '<p class="empty">无 none</p>';
  const head = section.columns.map((column) => `<th>${escapeHtml(column.label)}</th>`).join('');
  const rows = section.rows.map((row) => {
    const cells = row.map((value, i) => {
      const kind = section.columns[i]?.kind ?? 'text';
      return `<td class="${kind}">${escapeHtml(value)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * The report as a printable page (A4 landscape): every section of the exports, Chinese labels first with
 * the English beside them, times in Beijing time. Every text (names, ids, labels) is escaped;
 * the page has no script, so the route can forbid any (Content-Security-Policy).
 */
export function renderHtml(document: ReportDocument): string {
  const subject = subjectOf(document);
  const heading = subject.name === null ? subject.id : `${subject.name} (${subject.id})`;
  const { period } = document;
  const span =
    period.from === null ? '全部 all' : `${period.label}: ${period.from} – ${period.to ?? ''}`;
  const sections = reportSections(document)
    .map((section) => `<section><h2>${escapeHtml(section.title)}</h2>${table(section)}</section>`)
    .join('\n');
  const { ledgerRows, amountMinorSum } = document.control;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${escapeHtml(`捐赠报告 Donation report ${subject.id} ${period.label}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>捐赠报告 Donation report: ${escapeHtml(heading)}</h1>
<p class="meta">期间 Period: ${escapeHtml(span)} (北京时间 Beijing time)</p>
<p class="meta">生成时间 Generated: ${escapeHtml(beijingTime(document.generatedAt))} (北京时间 Beijing time)</p>
${sections}
<footer>核对 Control: ${escapeHtml(ledgerRows)} 行账本记录 ledger rows, 金额合计 amount sum ${escapeHtml(amountMinorSum)} (最小单位 minor units). 数据来自账本 Figures computed from the ledger.</footer>
</body>
</html>
`;
}
