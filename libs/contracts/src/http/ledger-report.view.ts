import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { DecimalCounterSchema } from './totals.views';

/**
 * A report's period, in Beijing time (Asia/Shanghai): `2026-Q3` (a calendar quarter) or `all`
 * (the whole campaign, every ledger row). As a query parameter: `?period=2026-Q3|all`.
 */
export const ReportPeriodParamSchema = z
  .string()
  .regex(/^(all|\d{4}-Q[1-4])$/, 'must be `all` or a quarter such as 2026-Q3');

export const ReportPeriodViewSchema = z.strictObject({
  /** `all` or `2026-Q3`. */
  label: z.string(),
  /** First day included (Beijing time); null for `all`. */
  from: z.string().nullable(),
  /** Last day included (Beijing time); null for `all`. */
  to: z.string().nullable(),
});

/** Counted ledger rows of one slice: donations raised, refunds taken off, net, their counts. */
export const ReportFiguresViewSchema = z.strictObject({
  raisedMinor: DecimalCounterSchema,
  refundedMinor: DecimalCounterSchema,
  netMinor: DecimalCounterSchema,
  donationCount: DecimalCounterSchema,
  refundCount: DecimalCounterSchema,
});

/** One currency's figures, with the same figures per platform and per month (Beijing time). */
export const ReportCurrencyViewSchema = ReportFiguresViewSchema.extend({
  currency: z.string(),
  byPlatform: z.array(ReportFiguresViewSchema.extend({ platform: z.string() })),
  /** `YYYY-MM`, oldest first; only months with rows. */
  byMonth: z.array(ReportFiguresViewSchema.extend({ month: z.string() })),
});

/**
 * `GET /reports/campaigns/:id?period=` and `GET /reports/charities/:id?period=` on the aggregator:
 * figures computed in SQL from the counted rows of the ledger (not from the running totals; for
 * `all` they equal them). `control`: how many ledger rows the report covers and the sum of their
 * amounts (donations plus refunds, each row's own amount), for an auditor to check against the
 * ledger. A charity's report lists each of its campaigns' figures per currency too.
 */
export const LedgerReportViewSchema = z
  .strictObject({
    scope: z.enum(['campaign', 'charity']),
    id: z.string(),
    /** The campaign's charity (USCC); the charity itself for a charity report. */
    charityId: z.string(),
    period: ReportPeriodViewSchema,
    generatedAt: IsoDateTimeSchema,
    currencies: z.array(ReportCurrencyViewSchema),
    campaigns: z.array(
      ReportFiguresViewSchema.extend({ campaignId: z.string(), currency: z.string() }),
    ),
    control: z.strictObject({
      ledgerRows: DecimalCounterSchema,
      amountMinorSum: DecimalCounterSchema,
    }),
  })
  .meta({ id: 'LedgerReportView' });

export type ReportPeriodView = z.infer<typeof ReportPeriodViewSchema>;
export type ReportFiguresView = z.infer<typeof ReportFiguresViewSchema>;
export type ReportCurrencyView = z.infer<typeof ReportCurrencyViewSchema>;
export type LedgerReportView = z.infer<typeof LedgerReportViewSchema>;
