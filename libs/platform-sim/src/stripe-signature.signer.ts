import Stripe from 'stripe';

/**
 * The Stripe-Signature header Stripe sends: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload"
 * keyed with the endpoint secret>`, made by the official SDK.
 */
export function stripeSignatureHeader(payload: string, secret: string, at = new Date()): string {
  return Stripe.webhooks.generateTestHeaderString({
    payload,
    secret,
    timestamp: Math.floor(at.getTime() / 1000),
  });
}
