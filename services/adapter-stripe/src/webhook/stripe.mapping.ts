import {
  DonationDraft,
  MappingContext,
  PlatformMapping,
  StripeWebhookMessage,
  WebhookError,
} from '@donations/adapter-kit';
import {
  STRIPE_EVENT_TYPES,
  StripeCharge,
  StripeCheckoutSession,
  StripeEvent,
  StripeEventSchema,
  StripeRef,
  StripeRefund,
} from './dto/stripe-event.dto';
import { toMinorAmount } from './stripe-amount';
import { campaignOf } from './stripe-campaign';

type RefundedEvent = Extract<StripeEvent, { type: 'charge.refunded' }>;

/**
 * Stripe events to donation drafts. `checkout.session.completed` and `charge.succeeded` report the
 * same payment, so both use the PaymentIntent id (the charge id without one) as platformTxnId:
 * the second one gets the eventId of the first and is counted once. `charge.refunded` becomes the
 * newly refunded part(s).
 */
export class StripeMapping implements PlatformMapping<StripeWebhookMessage> {
  readonly platform = 'stripe' as const;
  /** The pipeline asks for the key, the transaction and the drafts: parse each message once. */
  private readonly parsed = new WeakMap<StripeWebhookMessage, StripeEvent>();

  transactionIdOf(message: StripeWebhookMessage): string {
    const event = this.parse(message);
    return event.type === 'checkout.session.completed'
      ? sessionPaymentId(event.data.object)
      : chargePaymentId(event.data.object);
  }

  /** Cumulative refunds fall back on the refunds already accepted: serialise per payment. */
  serializationKeyOf(message: StripeWebhookMessage): string | undefined {
    const event = this.parse(message);
    if (event.type !== 'charge.refunded' || listedRefunds(event.data.object)) return undefined;
    return chargePaymentId(event.data.object);
  }

  async toDrafts(message: StripeWebhookMessage, context: MappingContext): Promise<DonationDraft[]> {
    const event = this.parse(message);
    switch (event.type) {
      case 'checkout.session.completed':
        return sessionDrafts(event.data.object, event.created, context);
      case 'charge.succeeded':
        return [await chargeDraft(event.data.object, context)];
      case 'charge.refunded':
        return refundDrafts(event, context);
    }
  }

  private parse(message: StripeWebhookMessage): StripeEvent {
    let event = this.parsed.get(message);
    if (!event) {
      event = parseEvent(message.body);
      this.parsed.set(message, event);
    }
    return event;
  }
}

function parseEvent(body: unknown): StripeEvent {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !(STRIPE_EVENT_TYPES as readonly string[]).includes(type)) {
    throw new WebhookError(
      'WEBHOOK.UNKNOWN_EVENT_TYPE',
      `unknown event type ${String(type).slice(0, 64)}`,
    );
  }
  const result = StripeEventSchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${issue.path.join('.')}: ${issue.message}`);
  }
  return result.data;
}

/** Only a paid one-off payment is a donation; an unpaid or subscription session adds nothing. */
async function sessionDrafts(
  session: StripeCheckoutSession,
  completedAt: number,
  context: MappingContext,
): Promise<DonationDraft[]> {
  if (session.mode !== 'payment' || session.payment_status !== 'paid') return [];
  if (session.amount_total === null || session.amount_total === undefined || !session.currency) {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'a paid session needs amount_total, currency');
  }
  const campaign = await campaignOf(session.metadata, context);
  return [
    {
      type: 'donation.completed',
      platformTxnId: sessionPaymentId(session),
      ...campaign,
      ...toMinorAmount(session.amount_total, session.currency),
      // The session was created when checkout began; the donation happened when it completed.
      occurredAt: isoOf(completedAt),
      donor: { platformUserId: donorOf(session.customer, session.customer_details?.email) },
    },
  ];
}

/** Checkout copies only `payment_intent_data.metadata` to the charge: else the session's campaign. */
async function chargeDraft(charge: StripeCharge, context: MappingContext): Promise<DonationDraft> {
  const paymentId = chargePaymentId(charge);
  return {
    type: 'donation.completed',
    platformTxnId: paymentId,
    ...(await campaignOf(charge.metadata, context, paymentId)),
    ...toMinorAmount(charge.amount, charge.currency),
    occurredAt: isoOf(charge.created),
    donor: { platformUserId: donorOf(charge.customer, charge.billing_details?.email) },
  };
}

/**
 * One refund per listed refund object (the ones already counted come again with the same eventId,
 * which is harmless); failed or canceled refunds return nothing. Without a list (current API
 * versions): the rise of `amount_refunded` since `previous_attributes`, or since the refunds
 * accepted so far, as one refund `cumulative:<amount_refunded>`.
 */
async function refundDrafts(
  event: RefundedEvent,
  context: MappingContext,
): Promise<DonationDraft[]> {
  const charge = event.data.object;
  const paymentId = chargePaymentId(charge);
  const common = {
    type: 'donation.refunded' as const,
    platformTxnId: paymentId,
    ...(await campaignOf(charge.metadata, context, paymentId)),
    donor: { platformUserId: donorOf(charge.customer, charge.billing_details?.email) },
  };
  const refunds = listedRefunds(charge);
  if (!refunds) return [{ ...common, ...(await cumulativeRefund(event, context)) }];
  return refunds
    .filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled')
    .map((refund) => ({
      ...common,
      refundId: refund.id,
      ...toMinorAmount(refund.amount, charge.currency),
      occurredAt: isoOf(refund.created),
    }));
}

/** The part of `amount_refunded` that is new with this event (its time is the event's). */
async function cumulativeRefund(event: RefundedEvent, context: MappingContext) {
  const charge = event.data.object;
  const now = toMinorAmount(charge.amount_refunded, charge.currency);
  const previous = event.data.previous_attributes?.amount_refunded;
  const before =
    previous === undefined
      ? await context.refundedSoFar(chargePaymentId(charge))
      : toMinorAmount(previous, charge.currency).amountMinor;
  return {
    refundId: `cumulative:${charge.amount_refunded}`,
    amountMinor: now.amountMinor - before,
    currency: now.currency,
    occurredAt: isoOf(event.created),
  };
}

function listedRefunds(charge: StripeCharge): StripeRefund[] | undefined {
  const refunds = charge.refunds?.data;
  return refunds && refunds.length > 0 ? refunds : undefined;
}

function idOf(ref: StripeRef): string | undefined {
  if (ref === null || ref === undefined) return undefined;
  return typeof ref === 'string' ? ref : ref.id;
}

function chargePaymentId(charge: StripeCharge): string {
  return idOf(charge.payment_intent) ?? charge.id;
}

/** A paid session without a PaymentIntent (none in current API versions) keeps its own id. */
function sessionPaymentId(session: StripeCheckoutSession): string {
  return idOf(session.payment_intent) ?? session.id;
}

/** The Stripe customer, else the e-mail address; the kit hashes it, nothing else sees it. */
function donorOf(customer: StripeRef, email: string | null | undefined): string | undefined {
  const normalised = email?.trim().toLowerCase();
  return idOf(customer) ?? (normalised ? normalised : undefined);
}

function isoOf(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString();
}
