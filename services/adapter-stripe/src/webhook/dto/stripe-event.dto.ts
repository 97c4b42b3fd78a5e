import { z } from 'zod';

/** The Stripe event types this adapter maps; any other type is WEBHOOK.UNKNOWN_EVENT_TYPE. */
export const STRIPE_EVENT_TYPES = [
  'checkout.session.completed',
  'charge.succeeded',
  'charge.refunded',
  'refund.created',
  'refund.updated',
] as const;

const StripeIdSchema = z.string().min(1).max(128);

/** An id, or the object it names when the event was built with expansion. */
const StripeRefSchema = z.union([StripeIdSchema, z.object({ id: StripeIdSchema })]).nullish();

/** Unix seconds, up to 9999-12-31 (so that it always makes an ISO instant). */
const UnixSecondsSchema = z.int().min(0).max(253_402_300_799);

/** Stripe metadata values are strings; campaignId + charityId or projectId name the campaign. */
const MetadataSchema = z.record(z.string(), z.string()).nullish();

const EmailHolderSchema = z.object({ email: z.string().max(512).nullish() }).nullish();

/** Minor units as Stripe sends them (see stripe-amount.ts); sign and size are checked later. */
const StripeAmountSchema = z.number();

const CheckoutSessionSchema = z.object({
  id: StripeIdSchema,
  mode: z.string(),
  payment_status: z.string(),
  amount_total: StripeAmountSchema.nullish(),
  currency: z.string().nullish(),
  payment_intent: StripeRefSchema,
  customer: StripeRefSchema,
  customer_details: EmailHolderSchema,
  metadata: MetadataSchema,
  created: UnixSecondsSchema,
});

const RefundSchema = z.object({
  id: StripeIdSchema,
  amount: StripeAmountSchema,
  status: z.string().nullish(),
  created: UnixSecondsSchema,
});

const ChargeSchema = z.object({
  id: StripeIdSchema,
  amount: StripeAmountSchema,
  amount_refunded: StripeAmountSchema,
  currency: z.string(),
  payment_intent: StripeRefSchema,
  customer: StripeRefSchema,
  billing_details: EmailHolderSchema,
  metadata: MetadataSchema,
  created: UnixSecondsSchema,
  /** Not sent by API versions since 2022-11-15 unless expanded; then refunds are cumulative. */
  refunds: z.object({ data: z.array(RefundSchema) }).nullish(),
});

/**
 * The refund object of refund.created / refund.updated (every refund since API 2024-10-28): its
 * own `re_` id and amount, the charge and PaymentIntent it refunds.
 */
const RefundObjectSchema = RefundSchema.extend({
  currency: z.string(),
  charge: StripeRefSchema,
  payment_intent: StripeRefSchema,
  metadata: MetadataSchema,
});

const envelope = { id: StripeIdSchema, created: UnixSecondsSchema };

/** The snapshot events this adapter maps, as far as it reads them (other fields pass). */
export const StripeEventSchema = z.discriminatedUnion('type', [
  z.object({
    ...envelope,
    type: z.literal('checkout.session.completed'),
    data: z.object({ object: CheckoutSessionSchema }),
  }),
  z.object({
    ...envelope,
    type: z.literal('charge.succeeded'),
    data: z.object({ object: ChargeSchema }),
  }),
  z.object({
    ...envelope,
    type: z.literal('charge.refunded'),
    data: z.object({
      object: ChargeSchema,
      previous_attributes: z.object({ amount_refunded: StripeAmountSchema.optional() }).nullish(),
    }),
  }),
  z.object({
    ...envelope,
    type: z.literal('refund.created'),
    data: z.object({ object: RefundObjectSchema }),
  }),
  z.object({
    ...envelope,
    type: z.literal('refund.updated'),
    data: z.object({ object: RefundObjectSchema }),
  }),
]);

export type StripeEvent = z.infer<typeof StripeEventSchema>;
export type StripeCheckoutSession = z.infer<typeof CheckoutSessionSchema>;
export type StripeCharge = z.infer<typeof ChargeSchema>;
export type StripeRefund = z.infer<typeof RefundSchema>;
export type StripeRefundObject = z.infer<typeof RefundObjectSchema>;
export type StripeMetadata = z.infer<typeof MetadataSchema>;
export type StripeRef = z.infer<typeof StripeRefSchema>;
