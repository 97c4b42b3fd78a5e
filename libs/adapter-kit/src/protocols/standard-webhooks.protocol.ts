import { Webhook } from 'standardwebhooks';
import type { Rejection, WebhookProtocol } from '../pipeline/webhook-protocol';
import { header, WebhookAnswer, WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError } from '../pipeline/webhook.errors';
import { assertFresh, assertJson, parseJson } from './timestamp';

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
 * part of a `whsec_` secret. Verification is the official `standardwebhooks` package's.
 */
export class StandardWebhooksProtocol implements WebhookProtocol<StandardWebhookMessage> {
  readonly keptHeaders = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
  private readonly verifiers: Webhook[];
  private readonly clock: () => Date;

  constructor(private readonly options: StandardWebhooksOptions) {
    this.verifiers = options.secrets.map((secret) => new Webhook(secret));
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
    assertFresh(timestamp, this.clock(), this.options.toleranceSeconds);
    const headers = {
      'webhook-id': id,
      'webhook-timestamp': timestamp,
      'webhook-signature': signature,
    };
    if (!this.verifiers.some((verifier) => verifies(verifier, request.rawBody, headers))) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_INVALID',
        'no webhook-signature matches a configured secret',
      );
    }
    assertJson(header(request, 'content-type'));
    return { id, body: parseJson(request.rawBody) };
  }

  success(): WebhookAnswer {
    return { status: 204 };
  }

  failure(rejection: Rejection): WebhookAnswer {
    return { status: rejection.status, body: { code: rejection.code, message: rejection.message } };
  }
}

function verifies(verifier: Webhook, body: Buffer, headers: Record<string, string>): boolean {
  try {
    verifier.verify(body, headers, { jsonParse: false });
    return true;
  } catch {
    return false;
  }
}
