import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Rejection, WebhookProtocol } from '../pipeline/webhook-protocol';
import { header, WebhookAnswer, WebhookRequest } from '../pipeline/webhook-request';
import { afterSignature, WebhookError } from '../pipeline/webhook.errors';
import { parseJsonText, strictUtf8Text } from './strict-utf8';
import { assertFresh, assertJson } from './timestamp';

export interface StandardWebhooksOptions {
  /** `whsec_<base64>` secrets; several during rotation. */
  secrets: readonly string[];
  toleranceSeconds: number;
  clock?: () => Date;
}

/** The verified JSON body and the webhook-id (the sender's message id). */
export interface StandardWebhookMessage {
  id: string;
  body: unknown;
}

/**
 * Standard Webhooks (standardwebhooks.com): webhook-id, webhook-timestamp and webhook-signature
 * (`v1,<base64>`, several allowed) over `id.timestamp.body`, HMAC-SHA256 keyed with the base64
 * part of a `whsec_` secret.
 *
 * The official `standardwebhooks` package decodes the secrets and computes the signature
 * (`Webhook.sign`), but its `verify` is not used: it judges the timestamp by `Date.now()` with a
 * fixed 300 s whatever the configured tolerance, and it reads the body with a lossy UTF-8 decoding
 * (an invalid byte becomes U+FFFD, so a signature over the replaced text verified other bytes).
 * Here the timestamp is judged by the injected clock and the configured tolerance, the body is
 * decoded strictly (its text's UTF-8 is exactly the raw bytes), and each `v1` signature is
 * compared in constant time.
 */
export class StandardWebhooksProtocol implements WebhookProtocol<StandardWebhookMessage> {
  readonly keptHeaders = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
  private readonly signers: Webhook[];
  private readonly clock: () => Date;

  constructor(private readonly options: StandardWebhooksOptions) {
    this.signers = options.secrets.map((secret) => new Webhook(secret));
    this.clock = options.clock ?? (() => new Date());
  }

  verify(request: WebhookRequest): StandardWebhookMessage {
    const id = header(request, 'webhook-id');
    const timestamp = header(request, 'webhook-timestamp');
    const signature = header(request, 'webhook-signature');
    if (!id || !timestamp || !signature) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_MISSING',
        'webhook-id, -timestamp and -signature are required',
      );
    }
    const signedAt = new Date(
      assertFresh(timestamp, this.clock(), this.options.toleranceSeconds) * 1000,
    );
    const text = strictUtf8Text(request.rawBody);
    const offered = v1Signatures(signature);
    const matches = this.signers.some((signer) =>
      offered.some((candidate) => sameSignature(candidate, signer.sign(id, signedAt, text))),
    );
    if (!matches) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_INVALID',
        'no webhook-signature matches a configured secret',
      );
    }
    return afterSignature(() => {
      assertJson(header(request, 'content-type'));
      return { id, body: parseJsonText(text) };
    });
  }

  decode(request: WebhookRequest): StandardWebhookMessage {
    const id = header(request, 'webhook-id') ?? '';
    return { id, body: parseJsonText(strictUtf8Text(request.rawBody)) };
  }

  success(): WebhookAnswer {
    return { status: 204 };
  }

  failure(rejection: Rejection): WebhookAnswer {
    return { status: rejection.status, body: { code: rejection.code, message: rejection.message } };
  }
}

/** The `v1,<base64>` entries of a space-separated webhook-signature header, other versions skipped. */
function v1Signatures(signatureHeader: string): string[] {
  return signatureHeader
    .split(' ')
    .filter((entry) => entry.startsWith('v1,') && entry.length > 'v1,'.length);
}

/** Constant-time for equal lengths; a length differs only for a malformed signature. */
function sameSignature(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
