import { z } from 'zod';
import { AGE_BANDS, ExternalIdSchema, IsoDateTimeSchema } from '@donations/contracts';

export const JD_EVENT_TYPES = ['ORDER_PAID', 'ORDER_REFUNDED'] as const;

export type JdEventType = (typeof JD_EVENT_TYPES)[number];

/**
 * The campaign named by the request itself. Validated as a campaign id and a 统一社会信用代码 when
 * the event is built, so a bad credit code is WEBHOOK.INVALID_CHARITY, not a shape error.
 */
const JdCharitySchema = z
  .object({
    campaignId: z.string().min(1).describe('慈善中国 filing number of the campaign'),
    creditCode: z.string().min(1).describe('统一社会信用代码 of the charity (18 characters)'),
  })
  .describe('Pass-through campaign; without it the registry maps activityId');

const payloadFields = {
  orderId: ExternalIdSchema.describe('JD order id: the platform transaction id'),
  activityId: ExternalIdSchema.describe("JD's project (activity) id"),
  amount: z
    .string()
    .describe(
      'Yuan as a plain decimal string, at most two decimals: "12.30". Refunds: this refund',
    ),
  currency: z.string().max(16).default('CNY').describe('ISO 4217 code'),
  eventTime: IsoDateTimeSchema.describe('ISO-8601 with an offset: 2026-09-09T10:00:01+08:00'),
  pin: z.string().min(1).max(128).describe('JD user pin; only its keyed hash leaves the adapter'),
  ageRange: z.enum(AGE_BANDS).optional().describe('Donor age band'),
  province: z.string().min(1).max(32).optional().describe('ISO 3166-2 subdivision: "CN-BJ"'),
  charity: JdCharitySchema.optional(),
};

/**
 * 京东公益's webhook body, inside a Standard Webhooks envelope (webhook-id, -timestamp,
 * -signature headers):
 *
 * ```json
 * { "eventType": "ORDER_PAID" | "ORDER_REFUNDED",
 *   "payload": { "orderId", "refundId"?, "activityId", "amount": "12.30", "currency"?: "CNY",
 *                "eventTime": "2026-09-09T10:00:01+08:00", "pin", "ageRange"?, "province"?,
 *                "charity"?: { "campaignId", "creditCode" } } }
 * ```
 *
 * `refundId` is required for ORDER_REFUNDED and ignored otherwise. Amounts stay strings here: the
 * mapping converts them to fen without floating point. Unknown fields are ignored.
 */
export const JdWebhookSchema = z.discriminatedUnion('eventType', [
  z.object({
    eventType: z.literal('ORDER_PAID'),
    payload: z.object(payloadFields),
  }),
  z.object({
    eventType: z.literal('ORDER_REFUNDED'),
    payload: z.object({
      ...payloadFields,
      refundId: ExternalIdSchema.describe('JD refund id; one order may have several refunds'),
    }),
  }),
]);

export type JdWebhook = z.output<typeof JdWebhookSchema>;
export type JdWebhookInput = z.input<typeof JdWebhookSchema>;
