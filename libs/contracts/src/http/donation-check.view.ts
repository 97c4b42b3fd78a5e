import { z } from 'zod';
import { IsoDateTimeSchema } from '../common/primitive.schemas';

/**
 * `GET /api/check?platform=&txn=` on the dashboard: the public "was my donation counted" answer.
 * Only about the transaction asked for, and nothing about its donor: `counted` (in the totals
 * of its campaign), `refunded` (counted, then its refunds took it back, in part or whole),
 * `not_seen` (not counted: no such transaction reached us yet, so wait or ask the platform; or,
 * with its campaign given, it reached us and could not be counted, so ask the platform or the
 * charity), `unknown` (the number cannot be one of that platform's transactions, or the
 * platform is not one we aggregate).
 */
export const DonationCheckViewSchema = z
  .strictObject({
    status: z.enum(['counted', 'refunded', 'not_seen', 'unknown']),
    platform: z.string(),
    txn: z.string(),
    campaign: z.strictObject({ id: z.string(), title: z.string().nullable() }).nullable(),
    charity: z.strictObject({ id: z.string(), name: z.string().nullable() }).nullable(),
    /** The donation's amount in minor units (decimal text) and currency, when seen. */
    amountMinor: z.string().nullable(),
    currency: z.string().nullable(),
    refundedMinor: z.string().nullable(),
    /** When the donation was made (the platform's time) and when we counted it. */
    occurredAt: IsoDateTimeSchema.nullable(),
    countedAt: IsoDateTimeSchema.nullable(),
  })
  .meta({ id: 'DonationCheckView' });
export type DonationCheckView = z.infer<typeof DonationCheckViewSchema>;
