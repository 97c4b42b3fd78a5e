import { WebhookError } from '../pipeline/webhook.errors';

/** The parts of a `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]` header. */
export interface StripeSignatureHeader {
  /** Unix seconds, as sent (validated by assertFresh). */
  timestamp: string;
  /** Every v1 signature: Stripe sends several while a secret is being rolled. */
  signatures: string[];
}

/**
 * Reads the header the way Stripe's SDK does (comma-separated `key=value`, other schemes such as
 * the test-only v0 ignored), but strictly: exactly one `t`, at least one non-empty `v1`. Only the
 * timestamp is used here (to answer TIMESTAMP_STALE precisely); the signatures are the SDK's.
 */
export function parseStripeSignature(value: string): StripeSignatureHeader {
  const timestamps: string[] = [];
  const signatures: string[] = [];
  for (const item of value.split(',')) {
    const separator = item.indexOf('=');
    if (separator < 0) continue;
    const key = item.slice(0, separator);
    const part = item.slice(separator + 1);
    if (key === 't') timestamps.push(part);
    if (key === 'v1' && part.length > 0) signatures.push(part);
  }
  if (timestamps.length !== 1) {
    throw new WebhookError(
      'WEBHOOK.SIGNATURE_INVALID',
      'Stripe-Signature must carry exactly one t=<timestamp>',
    );
  }
  if (signatures.length === 0) {
    throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'Stripe-Signature carries no v1 signature');
  }
  return { timestamp: timestamps[0], signatures };
}
