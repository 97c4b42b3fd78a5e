import type { StatementReport } from '@donations/adapter-kit';
import { minorToDecimal } from '@donations/contracts';

/** Entries listed per category in the human summary; --json has them all. */
const SHOWN = 20;

/** The report for a human: counts first, then the entries that need a look. */
export function describeStatementReport(report: StatementReport): string {
  const { counts } = report;
  const lines = [
    `${report.platform} statement ${report.dryRun ? 'checked (dry run: nothing written)' : 'imported'}`,
    `period        ${periodOf(report)}`,
    `rows          ${counts.rows}: ${counts.events} events, ${counts.rejected} rejected, ${counts.ignored} ignored`,
    `matched                 ${counts.matched}`,
    `missing from webhooks   ${counts.missingFromWebhooks} (emitted ${counts.emitted})`,
    `amount mismatches       ${counts.amountMismatches}`,
    `missing from statement  ${counts.missingFromStatement}`,
    ...section(
      'amount mismatches',
      report.amountMismatches,
      (m) =>
        `line ${m.line}  ${m.type} ${txn(m)}: statement ${money(m.statement)}, ` +
        `recorded ${money(m.recorded)} (${m.recorded.source})`,
    ),
    ...section(
      'missing from statement',
      report.missingFromStatement,
      (e) => `${e.type} ${txn(e)} ${money(e)} at ${e.occurredAt}`,
    ),
    ...section(
      'missing from webhooks',
      report.missingFromWebhooks,
      (e) =>
        `line ${e.line}  ${e.type} ${txn(e)} ${money(e)}${e.alreadyImported ? ' (imported before)' : ''}`,
    ),
    ...section('rejected rows', report.rejected, (r) => `line ${r.line}  ${r.code}  ${r.message}`),
  ];
  return lines.join('\n');
}

function section<T>(title: string, entries: readonly T[], describe: (entry: T) => string) {
  if (entries.length === 0) return [];
  const more = entries.length - SHOWN;
  return [
    `${title}:`,
    ...entries.slice(0, SHOWN).map((entry) => `  ${describe(entry)}`),
    ...(more > 0 ? [`  ... ${more} more (--json lists all)`] : []),
  ];
}

function txn(entry: { platformTxnId: string; refundId?: string }): string {
  return entry.refundId ? `${entry.platformTxnId}/${entry.refundId}` : entry.platformTxnId;
}

function money({ amountMinor, currency }: { amountMinor: number; currency: string }): string {
  try {
    return `${minorToDecimal(amountMinor, currency)} ${currency}`;
  } catch {
    return `${amountMinor} minor units of ${currency}`;
  }
}

/** The statement's days as Beijing dates. */
function periodOf({ period }: StatementReport): string {
  if (!period) return 'none (no event imported)';
  const day = (iso: string) =>
    new Date(Date.parse(iso) + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const [from, to] = [day(period.from), day(period.to)];
  return `${from === to ? from : `${from} .. ${to}`} (UTC+8)`;
}
