import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { DecimalCounterSchema } from './totals.views';

/** One ledger row of a platform transaction: counted, or rejected with the dead-letter reason. */
export const LedgerEventViewSchema = z.strictObject({
  eventId: z.string(),
  type: z.string(),
  refundId: z.string().nullable(),
  amountMinor: DecimalCounterSchema,
  currency: z.string(),
  status: z.enum(['counted', 'rejected']),
  rejection: z.string().nullable(),
  occurredAt: IsoDateTimeSchema,
  recordedAt: IsoDateTimeSchema,
});

/** `GET /donations/verify?platform=&txn=` on the aggregator: was this transaction counted? */
export const VerificationViewSchema = z
  .strictObject({
    platform: z.string(),
    platformTxnId: z.string(),
    /** Whether the donation of this transaction is counted in the totals. */
    donationCounted: z.boolean(),
    campaignId: z.string(),
    charityId: z.string(),
    events: z.array(LedgerEventViewSchema),
  })
  .meta({ id: 'VerificationView' });

export type LedgerEventView = z.infer<typeof LedgerEventViewSchema>;
export type VerificationView = z.infer<typeof VerificationViewSchema>;
