import { Webhook } from 'standardwebhooks';

/**
 * Signs as a Standard Webhooks sender (standardwebhooks.com) with the official package:
 * webhook-id, webhook-timestamp and webhook-signature (`v1,<base64 HMAC-SHA256>` over
 * `id.timestamp.body`, keyed with the base64 part of the `whsec_` secret).
 */
export class StandardWebhookSigner {
  private readonly webhook: Webhook;

  constructor(secret: string) {
    this.webhook = new Webhook(secret);
  }

  /** The request headers of `body` sent as message `id` at `at` (JSON content). */
  headers(body: Buffer, id: string, at = new Date()): Record<string, string> {
    return {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': this.webhook.sign(id, at, body),
    };
  }
}
