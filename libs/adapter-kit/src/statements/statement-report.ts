import { z } from 'zod';
import { DonationEventTypeSchema, DonationEventV1, PlatformSchema } from '@donations/contracts';
import type { AmountMismatch, ReceiptView, StatementPeriod } from './reconciliation';
import type { RejectedRow } from './statement-csv';
import type { StatementEvent } from './statement-events';

const count = z.int().nonnegative();
const line = z.int().positive();

const EntrySchema = z.object({
  eventId: z.string(),
  type: DonationEventTypeSchema,
  platformTxnId: z.string(),
  refundId: z.string().optional(),
  campaignId: z.string(),
  amountMinor: z.int(),
  currency: z.string(),
  occurredAt: z.string(),
});

const MoneySchema = z.object({ amountMinor: z.int(), currency: z.string() });

/** The answer of `POST /statements` (and what `ops import-statement` prints). */
export const StatementReportSchema = z.object({
  platform: PlatformSchema,
  dryRun: z.boolean(),
  correlationId: z.string(),
  /** The statement's days in UTC+8 (inclusive instants); null when no row was imported. */
  period: z.object({ from: z.string(), to: z.string() }).nullable(),
  counts: z.object({
    /** Data rows: events + rejected + ignored. */
    rows: count,
    events: count,
    matched: count,
    missingFromWebhooks: count,
    /** Events this request put on donations.normalized.v1 (0 on a dry run). */
    emitted: count,
    amountMismatches: count,
    missingFromStatement: count,
    rejected: count,
    /** Rows of kinds that are not donations (fees, payouts). */
    ignored: count,
  }),
  /**
   * Each list holds its category's first REPORT_LIST_LIMIT entries (`counts` has them all).
   * `alreadyImported`: an earlier statement import filled it; not emitted again.
   */
  missingFromWebhooks: z.array(EntrySchema.extend({ line, alreadyImported: z.boolean() })),
  amountMismatches: z.array(
    EntrySchema.omit({ amountMinor: true, currency: true }).extend({
      line,
      statement: MoneySchema,
      recorded: MoneySchema.extend({ source: z.enum(['webhook', 'statement']) }),
    }),
  ),
  missingFromStatement: z.array(EntrySchema),
  rejected: z.array(z.object({ line, code: z.string(), message: z.string() })),
});

export type StatementReport = z.infer<typeof StatementReportSchema>;

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

function entryOf(event: DonationEventV1): z.infer<typeof EntrySchema> {
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

function receiptEntry(receipt: ReceiptView): z.infer<typeof EntrySchema> {
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
