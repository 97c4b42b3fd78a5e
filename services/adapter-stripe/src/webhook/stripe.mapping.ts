import {
  DonationDraft,
  issuedRefundDraft,
  MappingContext,
  PlatformMapping,
  RefundObservation,
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
  StripeRefundObject,
} from './dto/stripe-event.dto';
import { toMinorAmount } from './stripe-amount';
import { campaignOf } from './stripe-campaign';

/**
 * Stripe events to donation drafts. `checkout.session.completed` and `charge.succeeded` report the
 * same payment, so both use the PaymentIntent id (the charge id without one) as platformTxnId:
 * the second one gets the eventId of the first and is counted once. Refunds settle the payment's
 * refund state (settleRefunds): `refund.created` / `refund.updated` report one refund (`re_` id,
 * its amount) once it has `succeeded`; `charge.refunded` reports `amount_refunded` (cumulative)
 * and, in API versions before 2022-11-15, its listed refunds. Only the rise of the payment's
 * refunded level is emitted, as one refund `level:<minor>`, whatever the order and the source.
 * A refund that turns failed or canceled after it succeeded is not taken back: a refund event
 * only adds to the refunded total (design.md), so the charity's figure stays the larger one.
 */
export class StripeMapping implements PlatformMapping<StripeWebhookMessage> {
  readonly platform = 'stripe' as const;
  /** The pipeline asks for the key, the transaction and the drafts: parse each message once. */
  private readonly parsed = new WeakMap<StripeWebhookMessage, StripeEvent>();

  transactionIdOf(message: StripeWebhookMessage): string {
    const event = this.parse(message);
    switch (event.type) {
      case 'checkout.session.completed':
        return sessionPaymentId(event.data.object);
      case 'charge.succeeded':
      case 'charge.refunded':
        return chargePaymentId(event.data.object);
      case 'refund.created':
      case 'refund.updated':
        return refundPaymentId(event.data.object);
    }
  }

  /** Refunds settle the payment's refund state: one at a time per payment. */
  serializationKeyOf(message: StripeWebhookMessage): string | undefined {
    const event = this.parse(message);
    switch (event.type) {
      case 'checkout.session.completed':
      case 'charge.succeeded':
        return undefined;
      case 'charge.refunded':
      case 'refund.created':
      case 'refund.updated':
        return this.transactionIdOf(message);
    }
  }

  async toDrafts(message: StripeWebhookMessage, context: MappingContext): Promise<DonationDraft[]> {
    const event = this.parse(message);
    switch (event.type) {
      case 'checkout.session.completed':
        return sessionDrafts(event.data.object, event.created, context);
      case 'charge.succeeded':
        return [await chargeDraft(event.data.object, context)];
      case 'charge.refunded':
        return chargeRefundedDrafts(event.data.object, event.created, context);
      case 'refund.created':
      case 'refund.updated':
        return refundObjectDrafts(event.data.object, context);
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

/** `amount_refunded` as a cumulative figure, and any listed succeeded refund as a single one. */
async function chargeRefundedDrafts(
  charge: StripeCharge,
  eventCreated: number,
  context: MappingContext,
): Promise<DonationDraft[]> {
  const paymentId = chargePaymentId(charge);
  const refunded = toMinorAmount(charge.amount_refunded, charge.currency);
  const observations: RefundObservation[] = (listedRefunds(charge) ?? [])
    .filter(succeeded)
    .map((refund) => ({
      basis: 'single',
      key: refund.id,
      amountMinor: toMinorAmount(refund.amount, charge.currency).amountMinor,
    }));
  if (refunded.amountMinor > 0) {
    observations.push({
      basis: 'cumulative',
      key: 'amount_refunded',
      amountMinor: refunded.amountMinor,
    });
  }
  const issued = await context.settleRefunds({
    platformTxnId: paymentId,
    observations,
    capMinor: toMinorAmount(charge.amount, charge.currency).amountMinor,
    campaign: await campaignOf(charge.metadata, context, paymentId),
    currency: refunded.currency,
    occurredAt: isoOf(eventCreated),
  });
  const donor = { platformUserId: donorOf(charge.customer, charge.billing_details?.email) };
  return issued.map((refund) => issuedRefundDraft(refund, donor));
}

/** One refund, counted once it has succeeded (pending, failed or canceled report nothing). */
async function refundObjectDrafts(
  refund: StripeRefundObject,
  context: MappingContext,
): Promise<DonationDraft[]> {
  if (!succeeded(refund)) return [];
  const paymentId = refundPaymentId(refund);
  const amount = toMinorAmount(refund.amount, refund.currency);
  const issued = await context.settleRefunds({
    platformTxnId: paymentId,
    observations: [{ basis: 'single', key: refund.id, amountMinor: amount.amountMinor }],
    campaign: await campaignOf(refund.metadata, context, paymentId),
    currency: amount.currency,
    occurredAt: isoOf(refund.created),
  });
  return issued.map((issue) => issuedRefundDraft(issue));
}

/** Listed refunds of old API versions may lack a status: they are refunds that happened. */
function succeeded(refund: { status?: string | null }): boolean {
  return refund.status === 'succeeded' || refund.status === null || refund.status === undefined;
}

/** The refund's PaymentIntent, else its charge: the payment's platformTxnId. */
function refundPaymentId(refund: StripeRefundObject): string {
  const id = idOf(refund.payment_intent) ?? idOf(refund.charge);
  if (id === undefined) {
    throw new WebhookError(
      'WEBHOOK.MALFORMED_BODY',
      'the refund names no payment_intent or charge',
    );
  }
  return id;
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
