import type { ReceiptView, StatementPeriod, TimeRange } from './reconciliation';
import { periodOf, widen } from './reconciliation';
import type { RejectedRow } from './statement-csv';
import type { StatementEvent } from './statement-events';
import { REPORT_LIST_LIMIT, ReportCounts, ReportInput } from './statement-report';
import type { AmountMismatch } from './reconciliation';

/** An import's report as its chunks go by: full counts, the first entries of each list. */
export class StatementTally {
  readonly counts: ReportCounts = {
    rows: 0,
    events: 0,
    matched: 0,
    missingFromWebhooks: 0,
    emitted: 0,
    amountMismatches: 0,
    missingFromStatement: 0,
    rejected: 0,
    ignored: 0,
  };
  private readonly missingFromWebhooks: ReportInput['missingFromWebhooks'] = [];
  private readonly amountMismatches: AmountMismatch[] = [];
  private readonly rejected: RejectedRow[] = [];
  private missingFromStatement: ReceiptView[] = [];
  private range: TimeRange | undefined;

  events(events: readonly StatementEvent[]): void {
    this.counts.events += events.length;
    this.counts.rows += events.length;
    for (const { event } of events) this.range = widen(this.range, event.occurredAt);
  }

  ignoredRows(count: number): void {
    this.counts.ignored += count;
    this.counts.rows += count;
  }

  rejectedRows(rows: readonly RejectedRow[]): void {
    this.counts.rejected += rows.length;
    this.counts.rows += rows.length;
    keep(this.rejected, rows);
  }

  matched(count: number): void {
    this.counts.matched += count;
  }

  missing(entries: readonly (StatementEvent & { alreadyImported: boolean })[]): void {
    this.counts.missingFromWebhooks += entries.length;
    keep(this.missingFromWebhooks, entries);
  }

  mismatches(entries: readonly AmountMismatch[]): void {
    this.counts.amountMismatches += entries.length;
    keep(this.amountMismatches, entries);
  }

  emitted(count: number): void {
    this.counts.emitted += count;
  }

  lacking(count: number, first: ReceiptView[]): void {
    this.counts.missingFromStatement = count;
    this.missingFromStatement = first.slice(0, REPORT_LIST_LIMIT);
  }

  get period(): StatementPeriod | undefined {
    return this.range && periodOf(this.range);
  }

  input(dryRun: boolean, correlationId: string): ReportInput {
    return {
      dryRun,
      correlationId,
      period: this.period,
      counts: this.counts,
      missingFromWebhooks: this.missingFromWebhooks,
      amountMismatches: this.amountMismatches,
      missingFromStatement: this.missingFromStatement,
      rejected: this.rejected,
    };
  }
}

function keep<T>(list: T[], entries: readonly T[]): void {
  for (const entry of entries) {
    if (list.length >= REPORT_LIST_LIMIT) return;
    list.push(entry);
  }
}
