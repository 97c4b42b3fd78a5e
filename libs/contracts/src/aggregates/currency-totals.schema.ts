import { z } from 'zod';
import { NonNegativeSafeIntSchema, SafeIntSchema } from '../common/primitive.schemas';
import { PlatformSchema } from '../donations/platform';
import { CurrencySchema } from '../money/currency';

/** One platform's share of a currency's totals. */
export const PlatformTotalsSchema = z.strictObject({
  raisedMinor: NonNegativeSafeIntSchema,
  refundedMinor: NonNegativeSafeIntSchema,
  donationCount: NonNegativeSafeIntSchema,
  refundCount: NonNegativeSafeIntSchema,
});

export type PlatformTotals = z.infer<typeof PlatformTotalsSchema>;

const COUNTED_FIELDS = ['raisedMinor', 'refundedMinor', 'donationCount', 'refundCount'] as const;

/**
 * Totals in one currency (currencies are never added together). netMinor = raised - refunded and
 * may be negative while a refund has arrived before its donation. byPlatform adds up to the totals.
 */
export const CurrencyTotalsSchema = z
  .strictObject({
    raisedMinor: NonNegativeSafeIntSchema,
    refundedMinor: NonNegativeSafeIntSchema,
    netMinor: SafeIntSchema,
    donationCount: NonNegativeSafeIntSchema,
    refundCount: NonNegativeSafeIntSchema,
    byPlatform: z.partialRecord(PlatformSchema, PlatformTotalsSchema),
  })
  .superRefine((totals, ctx) => {
    if (totals.netMinor !== totals.raisedMinor - totals.refundedMinor) {
      ctx.addIssue({ code: 'custom', path: ['netMinor'], message: 'must equal raised - refunded' });
    }
    const platforms = Object.values(totals.byPlatform);
    for (const field of COUNTED_FIELDS) {
      const sum = platforms.reduce((acc, p) => acc + p[field], 0);
      if (sum !== totals[field]) {
        ctx.addIssue({ code: 'custom', path: ['byPlatform'], message: `${field} does not add up` });
      }
    }
  });

export type CurrencyTotals = z.infer<typeof CurrencyTotalsSchema>;

/** Totals per ISO 4217 currency. */
export const TotalsByCurrencySchema = z.partialRecord(CurrencySchema, CurrencyTotalsSchema);

export type TotalsByCurrency = z.infer<typeof TotalsByCurrencySchema>;
