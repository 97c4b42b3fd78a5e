import { randomBytes } from 'node:crypto';

/** Stripe snapshot events as Stripe sends them, with overrides; ids unique per call. */
export interface StripeTestEvent {
  id: string;
  object: 'event';
  api_version: string;
  type: string;
  created: number;
  livemode: false;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}

export type Fields = Record<string, unknown>;

export const CREATED = 1_788_919_201; // 2026-09-09T02:00:01Z

export function stripeId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`;
}

function event(type: string, object: Fields, extra: Partial<StripeTestEvent> = {}) {
  return {
    id: stripeId('evt'),
    object: 'event' as const,
    api_version: '2025-09-30.clover',
    type,
    created: CREATED + 5,
    livemode: false as const,
    data: { object },
    ...extra,
  };
}

export function aCheckoutSession(fields: Fields = {}): Fields {
  return {
    id: stripeId('cs_test'),
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_total: 2500,
    currency: 'usd',
    payment_intent: stripeId('pi'),
    customer: 'cus_donor42',
    customer_details: { email: 'donor@example.org', name: 'A Donor' },
    metadata: { projectId: 'proj-1' },
    created: CREATED - 120,
    ...fields,
  };
}

export function aCharge(fields: Fields = {}): Fields {
  return {
    id: stripeId('ch'),
    object: 'charge',
    amount: 2500,
    amount_captured: 2500,
    amount_refunded: 0,
    currency: 'usd',
    paid: true,
    refunded: false,
    status: 'succeeded',
    payment_intent: stripeId('pi'),
    customer: 'cus_donor42',
    billing_details: { email: 'donor@example.org', name: 'A Donor' },
    metadata: { projectId: 'proj-1' },
    created: CREATED,
    ...fields,
  };
}

export function aRefund(fields: Fields = {}): Fields {
  return {
    id: stripeId('re'),
    object: 'refund',
    amount: 500,
    currency: 'usd',
    status: 'succeeded',
    created: CREATED + 3_600,
    ...fields,
  };
}

export function checkoutSessionCompleted(session: Fields = {}): StripeTestEvent {
  return event('checkout.session.completed', aCheckoutSession(session));
}

export function chargeSucceeded(charge: Fields = {}): StripeTestEvent {
  return event('charge.succeeded', aCharge(charge));
}

/** `previousRefunded`: `previous_attributes.amount_refunded`, left out when undefined. */
export function chargeRefunded(charge: Fields, previousRefunded?: number): StripeTestEvent {
  const built = event('charge.refunded', aCharge({ refunded: true, ...charge }), {
    created: CREATED + 7_200,
  });
  if (previousRefunded !== undefined) {
    built.data = { ...built.data, previous_attributes: { amount_refunded: previousRefunded } };
  }
  return built;
}

/** refund.created / refund.updated (every refund since API 2024-10-28): the refund object. */
export function refundEvent(
  type: 'refund.created' | 'refund.updated',
  refund: Fields,
): StripeTestEvent {
  return event(
    type,
    aRefund({ charge: stripeId('ch'), payment_intent: stripeId('pi'), ...refund }),
    {
      created: CREATED + 7_200,
    },
  );
}
