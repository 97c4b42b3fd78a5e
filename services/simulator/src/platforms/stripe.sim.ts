import { stripeSignatureHeader } from '@donations/platform-sim';
import type { DonationPlan, Notification, RefundPlan } from '../journeys/journey.types';
import { reportsRefundObjects, stripeRefundId } from '../journeys/stripe-refunds';
import { plusSeconds, unixSeconds } from './beijing-time';
import type { PlatformKeys } from './platform-keys';
import type { PlatformSim, PreparedMessage } from './platform-sim.types';

type Fields = Record<string, unknown>;

/**
 * Overseas giving through Stripe: checkout.session.completed (and, for some payments, also
 * charge.succeeded for the same PaymentIntent), and for each refund, depending on the payment
 * (an endpoint subscribes to one kind or the other), refund.created (the refund object with its
 * re_ id, as API 2024-10-28 and later send for every refund) or charge.refunded with the
 * cumulative amount_refunded and previous_attributes. The adapter settles both per payment.
 * Snapshot events, Stripe-Signature on every attempt.
 */
export class StripeSim implements PlatformSim {
  readonly platform = 'stripe' as const;
  readonly path = '/webhooks/stripe';
  private sequence = 0;

  constructor(private readonly keys: PlatformKeys['stripe']) {}

  prepare(plan: DonationPlan, notification: Notification): PreparedMessage {
    switch (notification.kind) {
      case 'paid':
        return this.event(plan, 'checkout.session.completed', plusSeconds(plan.occurredAt, 1), {
          object: session(plan),
        });
      case 'charge':
        return this.event(plan, 'charge.succeeded', plusSeconds(plan.occurredAt, 2), {
          object: charge(plan, 0),
        });
      case 'refund': {
        const refund = plan.refunds[notification.refund];
        if (reportsRefundObjects(plan)) {
          return this.event(plan, 'refund.created', refund.occurredAt, {
            object: refundObject(plan, refund),
          });
        }
        const before = refund.cumulativeMinor - refund.amountMinor;
        return this.event(plan, 'charge.refunded', refund.occurredAt, {
          object: charge(plan, refund.cumulativeMinor),
          previous_attributes: { amount_refunded: before, refunded: false },
        });
      }
    }
  }

  brokenBody(plan: DonationPlan): PreparedMessage {
    const { body, messageId } = this.prepare(plan, { kind: 'paid' });
    return { body: body.subarray(0, body.length - 9), messageId };
  }

  sign(message: PreparedMessage, at: Date): Record<string, string> {
    const signature = stripeSignatureHeader(message.body.toString('utf8'), this.keys.secret, at);
    return { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature };
  }

  isSuccess(status: number): boolean {
    return status >= 200 && status < 300;
  }

  private event(plan: DonationPlan, type: string, created: Date, data: Fields): PreparedMessage {
    const id = `evt_${plan.txnId.slice(3)}${(this.sequence++).toString(36)}`;
    const event = {
      id,
      object: 'event',
      api_version: '2025-09-30.clover',
      type,
      created: unixSeconds(created),
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      data,
    };
    return { body: Buffer.from(JSON.stringify(event)), messageId: id };
  }
}

function session(plan: DonationPlan): Fields {
  return {
    id: `cs_live_${plan.txnId.slice(3)}`,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_subtotal: plan.amountMinor,
    amount_total: plan.amountMinor,
    currency: plan.currency.toLowerCase(),
    payment_intent: plan.txnId,
    customer: plan.donor.userId,
    customer_details: { email: null, name: null },
    metadata: { projectId: plan.campaign.projectIds.stripe },
    created: unixSeconds(plusSeconds(plan.occurredAt, -60)),
  };
}

function charge(plan: DonationPlan, refundedMinor: number): Fields {
  return {
    id: `ch_${plan.txnId.slice(3)}`,
    object: 'charge',
    amount: plan.amountMinor,
    amount_captured: plan.amountMinor,
    amount_refunded: refundedMinor,
    currency: plan.currency.toLowerCase(),
    paid: true,
    refunded: refundedMinor === plan.amountMinor,
    status: 'succeeded',
    payment_intent: plan.txnId,
    customer: plan.donor.userId,
    billing_details: { email: null, name: null },
    metadata: { projectId: plan.campaign.projectIds.stripe },
    created: unixSeconds(plan.occurredAt),
  };
}

/** A succeeded refund; the charity's refund call names the campaign in its metadata. */
function refundObject(plan: DonationPlan, refund: RefundPlan): Fields {
  return {
    id: stripeRefundId(plan, refund),
    object: 'refund',
    amount: refund.amountMinor,
    currency: plan.currency.toLowerCase(),
    status: 'succeeded',
    charge: `ch_${plan.txnId.slice(3)}`,
    payment_intent: plan.txnId,
    metadata: { projectId: plan.campaign.projectIds.stripe },
    created: unixSeconds(refund.occurredAt),
  };
}
