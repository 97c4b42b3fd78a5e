import { z } from 'zod';
import { DonationEventTypeSchema } from '../donations/donation-type';
import { PlatformSchema } from '../donations/platform';

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
export const StatementReportSchema = z
  .object({
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
  })
  .meta({ id: 'StatementReport' });

export type StatementReport = z.infer<typeof StatementReportSchema>;

/** One listed event of a report (`missingFromStatement`'s items; the others extend it). */
export type StatementReportEntry = StatementReport['missingFromStatement'][number];
