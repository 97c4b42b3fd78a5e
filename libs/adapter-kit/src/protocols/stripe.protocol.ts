import Stripe from 'stripe';
import type { Rejection, WebhookProtocol } from '../pipeline/webhook-protocol';
import { header, WebhookAnswer, WebhookRequest } from '../pipeline/webhook-request';
import { afterSignature, WebhookError } from '../pipeline/webhook.errors';
import { parseStripeSignature } from './stripe-signature-header';
import { parseJsonText } from './strict-utf8';
import { assertFresh, assertJson } from './timestamp';

export interface StripeProtocolOptions {
  /** Endpoint signing secrets (`whsec_...`); several while one is being rolled. */
  secrets: readonly string[];
  /** Stripe's own default is 300 s. */
  toleranceSeconds: number;
  clock?: () => Date;
}

/** The verified Stripe event (a snapshot event: `{ id, type, created, data: { object } }`). */
export interface StripeWebhookMessage {
  body: unknown;
}

/** What one secret made of the request: a JSON event, a signed body that is not JSON, or no match. */
type Verification = { kind: 'event'; event: unknown } | { kind: 'not-json' } | { kind: 'mismatch' };

/**
 * Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex>` where v1 is HMAC-SHA256 keyed with
 * the endpoint secret over `<t>.<raw body>`. The timestamp is checked here against the injectable
 * clock (both directions, for a precise TIMESTAMP_STALE); the signature is checked by the official
 * SDK (`Stripe.webhooks.constructEvent`, constant-time compare), once per configured secret.
 */
export class StripeProtocol implements WebhookProtocol<StripeWebhookMessage> {
  readonly keptHeaders = ['stripe-signature'] as const;
  private readonly clock: () => Date;

  constructor(private readonly options: StripeProtocolOptions) {
    if (options.secrets.length === 0) throw new Error('StripeProtocol needs at least one secret');
    this.clock = options.clock ?? (() => new Date());
  }

  verify(request: WebhookRequest): StripeWebhookMessage {
    const signature = header(request, 'stripe-signature');
    if (!signature) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_MISSING',
        'the Stripe-Signature header is required',
      );
    }
    const { timestamp } = parseStripeSignature(signature);
    const now = this.clock();
    assertFresh(timestamp, now, this.options.toleranceSeconds);
    const verified = this.verifyWithAnySecret(utf8(request.rawBody), signature, now);
    return afterSignature(() => {
      assertJson(header(request, 'content-type'));
      if (verified.kind !== 'event') {
        throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'body is not valid JSON');
      }
      return { body: verified.event };
    });
  }

  decode(request: WebhookRequest): StripeWebhookMessage {
    return { body: parseJsonText(utf8(request.rawBody)) };
  }

  success(): WebhookAnswer {
    return { status: 200, body: { received: true } };
  }

  failure(rejection: Rejection): WebhookAnswer {
    return { status: rejection.status, body: { code: rejection.code, message: rejection.message } };
  }

  private verifyWithAnySecret(payload: string, signature: string, now: Date): Verification {
    for (const secret of this.options.secrets) {
      const verified = verifyWith(secret, payload, signature, this.options.toleranceSeconds, now);
      if (verified.kind !== 'mismatch') return verified;
    }
    throw new WebhookError(
      'WEBHOOK.SIGNATURE_INVALID',
      'no v1 signature matches a configured endpoint secret',
    );
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The SDK signs and verifies the body as a string. Decoding strictly (no replacement characters,
 * a BOM kept) makes that string's UTF-8 exactly the raw bytes, so the signature covers the bytes.
 */
function utf8(rawBody: Buffer): string {
  try {
    return strictUtf8.decode(rawBody);
  } catch {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'body is not valid UTF-8');
  }
}

function verifyWith(
  secret: string,
  payload: string,
  signature: string,
  toleranceSeconds: number,
  now: Date,
): Verification {
  try {
    const event: unknown = Stripe.webhooks.constructEvent(
      payload,
      signature,
      secret,
      toleranceSeconds,
      undefined,
      now.getTime(),
    );
    return { kind: 'event', event };
  } catch (error) {
    // The SDK parses the body only once the signature matched: a SyntaxError means signed, not
    // JSON. Anything else (StripeSignatureVerificationError above all) is no match for this secret.
    // The error is dropped, not logged: it carries the header and the payload.
    return error instanceof Error && error.name === 'SyntaxError'
      ? { kind: 'not-json' }
      : { kind: 'mismatch' };
  }
}
