import {
  DonationEventTypeSchema,
  DonationEventV1,
  StatementReport,
  StatementReportEntry,
} from '@donations/contracts';
import type { AmountMismatch, ReceiptView, StatementPeriod } from './reconciliation';
import type { RejectedRow } from './statement-csv';
import type { StatementEvent } from './statement-events';

/** The answer of `POST /statements`: a contract in @donations/contracts (http/). */
export { StatementReportSchema, type StatementReport } from '@donations/contracts';

/** Entries listed per category at most; `counts` count them all. */
export const REPORT_LIST_LIMIT = 100;

export type ReportCounts = StatementReport['counts'];

export interface ReportInput {
  dryRun: boolean;
  correlationId: string;
  period: StatementPeriod | undefined;
  counts: ReportCounts;
  missingFromWebhooks: (StatementEvent & { alreadyImported: boolean })[];
  amountMismatches: AmountMismatch[];
  missingFromStatement: ReceiptView[];
  rejected: RejectedRow[];
}

/**
 * The report of an import: the counts, then each category's first entries (REPORT_LIST_LIMIT,
 * in file order; the receipts the statement lacks by time). Pure.
 */
export function buildReport(
  platform: StatementReport['platform'],
  input: ReportInput,
): StatementReport {
  const { period } = input;
  return {
    platform,
    dryRun: input.dryRun,
    correlationId: input.correlationId,
    period: period ? { from: period.from.toISOString(), to: period.to.toISOString() } : null,
    counts: input.counts,
    missingFromWebhooks: input.missingFromWebhooks.map(({ line: at, event, alreadyImported }) => ({
      line: at,
      ...entryOf(event),
      alreadyImported,
    })),
    amountMismatches: input.amountMismatches.map(mismatchEntry),
    missingFromStatement: input.missingFromStatement.map(receiptEntry),
    rejected: input.rejected.map(({ line: at, code, message }) => ({ line: at, code, message })),
  };
}

function mismatchEntry({ line: at, event, recorded }: AmountMismatch) {
  const { amountMinor, currency, ...rest } = entryOf(event);
  return {
    line: at,
    ...rest,
    statement: { amountMinor, currency },
    recorded: {
      amountMinor: recorded.amountMinor,
      currency: recorded.currency,
      source: recorded.source,
    },
  };
}

function entryOf(event: DonationEventV1): StatementReportEntry {
  return {
    eventId: event.eventId,
    type: event.type,
    platformTxnId: event.platformTxnId,
    ...(event.type === 'donation.refunded' ? { refundId: event.refundId } : {}),
    campaignId: event.campaignId,
    amountMinor: event.amountMinor,
    currency: event.currency,
    occurredAt: event.occurredAt,
  };
}

function receiptEntry(receipt: ReceiptView): StatementReportEntry {
  const type = DonationEventTypeSchema.parse(receipt.type);
  return {
    eventId: receipt.eventId,
    type,
    platformTxnId: receipt.platformTxnId,
    ...(receipt.refundId !== null ? { refundId: receipt.refundId } : {}),
    campaignId: receipt.campaignId,
    amountMinor: receipt.amountMinor,
    currency: receipt.currency,
    occurredAt: receipt.occurredAt.toISOString(),
  };
}
