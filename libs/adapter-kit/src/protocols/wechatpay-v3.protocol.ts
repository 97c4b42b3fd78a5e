import { z } from 'zod';
import type { Rejection, WebhookProtocol } from '../pipeline/webhook-protocol';
import { header, WebhookAnswer, WebhookRequest } from '../pipeline/webhook-request';
import { afterSignature, WebhookError } from '../pipeline/webhook.errors';
import { assertFresh, assertJson, parseJson } from './timestamp';
import { decryptWechatPayResource, verifyWechatPaySignature } from './wechatpay-crypto';
import type { WechatPayPlatformKeys } from './wechatpay-keys';

// The family's helpers (key config, signature, decryption) are public through this module.
export * from './wechatpay-crypto';
export * from './wechatpay-keys';

/** WeChat Pay's signature probe: a request whose signature must fail verification. */
export const WECHATPAY_SIGNTEST_PREFIX = 'WECHATPAY/SIGNTEST/';
export const WECHATPAY_SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';

export interface WechatPayV3Options {
  /** The 32-byte APIv3 key (AES-256-GCM key of every `resource`). */
  apiV3Key: string;
  /** Platform public keys by serial; several while WeChat Pay rotates them. */
  platformKeys: WechatPayPlatformKeys;
  toleranceSeconds: number;
  clock?: () => Date;
}

/** A verified notification with its `resource` decrypted (JSON, for the mapping to validate). */
export interface WechatPayNotification {
  id: string;
  createTime: string;
  eventType: string;
  resourceType: string;
  summary: string;
  originalType: string;
  resource: unknown;
}

const EncryptedResourceSchema = z.object({
  algorithm: z.string().max(64),
  ciphertext: z.string().min(1),
  nonce: z.string().min(1).max(64),
  associated_data: z.string().max(256).optional(),
  original_type: z.string().max(64).default(''),
});

/** The notification body as sent: the envelope around the encrypted resource. */
export const WechatPayNotificationEnvelopeSchema = z.object({
  id: z.string().min(1).max(64),
  create_time: z.string().max(64).default(''),
  event_type: z.string().min(1).max(64),
  resource_type: z.string().max(64).default(''),
  summary: z.string().max(256).default(''),
  resource: EncryptedResourceSchema,
});

/**
 * WeChat Pay API v3 notifications (pay.weixin.qq.com, 支付通知 / 退款结果通知): Wechatpay-Timestamp,
 * -Nonce, -Signature and -Serial headers; SHA256withRSA over `timestamp\nnonce\nbody\n` with the
 * platform key the serial names; `WECHATPAY/SIGNTEST/` probes fail; the `resource` is AES-256-GCM
 * encrypted with the APIv3 key. Success is 204 without a body; failure is `{code: 'FAIL', message}`
 * as WeChat Pay documents it, the message starting with our reason code.
 */
export class WechatPayV3Protocol implements WebhookProtocol<WechatPayNotification> {
  readonly keptHeaders = [
    'wechatpay-timestamp',
    'wechatpay-nonce',
    'wechatpay-signature',
    'wechatpay-serial',
    'wechatpay-signature-type',
  ] as const;
  private readonly apiV3Key: Buffer;
  private readonly clock: () => Date;

  constructor(private readonly options: WechatPayV3Options) {
    this.apiV3Key = Buffer.from(options.apiV3Key, 'utf8');
    if (this.apiV3Key.length !== 32) throw new Error('the APIv3 key must be exactly 32 bytes');
    if (options.platformKeys.size === 0) throw new Error('at least one platform key is required');
    this.clock = options.clock ?? (() => new Date());
  }

  verify(request: WebhookRequest): WechatPayNotification {
    this.verifySignature(request);
    return afterSignature(() => this.decode(request));
  }

  decode(request: WebhookRequest): WechatPayNotification {
    assertJson(header(request, 'content-type'));
    const envelope = WechatPayNotificationEnvelopeSchema.safeParse(parseJson(request.rawBody));
    if (!envelope.success) {
      const issue = envelope.error.issues[0];
      throw new WebhookError('WEBHOOK.MALFORMED_BODY', `${issue.path.join('.')}: ${issue.message}`);
    }
    const { resource, ...notification } = envelope.data;
    const plaintext = decryptWechatPayResource(resource, this.apiV3Key);
    return {
      id: notification.id,
      createTime: notification.create_time,
      eventType: notification.event_type,
      resourceType: notification.resource_type,
      summary: notification.summary,
      originalType: resource.original_type,
      resource: parseResource(plaintext),
    };
  }

  success(): WebhookAnswer {
    return { status: 204 };
  }

  failure(rejection: Rejection): WebhookAnswer {
    return {
      status: rejection.status,
      body: { code: 'FAIL', message: `${rejection.code}: ${rejection.message}` },
    };
  }

  private verifySignature(request: WebhookRequest): void {
    const timestamp = header(request, 'wechatpay-timestamp');
    const nonce = header(request, 'wechatpay-nonce');
    const signature = header(request, 'wechatpay-signature');
    const serial = header(request, 'wechatpay-serial');
    if (!timestamp || !nonce || !signature || !serial) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_MISSING',
        'Wechatpay-Timestamp, -Nonce, -Signature and -Serial are required',
      );
    }
    if (signature.startsWith(WECHATPAY_SIGNTEST_PREFIX)) {
      throw invalid('a WECHATPAY/SIGNTEST/ probe signature never verifies');
    }
    const signatureType = header(request, 'wechatpay-signature-type');
    if (signatureType !== undefined && signatureType !== WECHATPAY_SIGNATURE_TYPE) {
      throw invalid(`Wechatpay-Signature-Type is not ${WECHATPAY_SIGNATURE_TYPE}`);
    }
    assertFresh(timestamp, this.clock(), this.options.toleranceSeconds);
    const publicKey = this.options.platformKeys.get(serial);
    if (!publicKey) throw invalid('Wechatpay-Serial names no configured platform key');
    const parts = { timestamp, nonce, body: request.rawBody };
    if (!verifyWechatPaySignature(parts, signature, publicKey)) {
      throw invalid('Wechatpay-Signature does not verify with the platform key');
    }
  }
}

function parseResource(plaintext: string): unknown {
  try {
    return JSON.parse(plaintext) as unknown;
  } catch {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'decrypted resource is not JSON');
  }
}

function invalid(message: string): WebhookError {
  return new WebhookError('WEBHOOK.SIGNATURE_INVALID', message);
}
