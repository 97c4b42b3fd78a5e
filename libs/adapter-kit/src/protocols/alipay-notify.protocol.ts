import { AlipaySdk } from 'alipay-sdk';
import type { Rejection, WebhookProtocol } from '../pipeline/webhook-protocol';
import { header, WebhookAnswer, WebhookRequest } from '../pipeline/webhook-request';
import { WebhookError } from '../pipeline/webhook.errors';
import { assertUtf8Form, parseNotifyForm } from './alipay-form';
import { normaliseAlipayPublicKey, normaliseAppPrivateKey } from './alipay-keys';

export { alipayAppPrivateKey, alipayPublicKeyList } from './alipay-keys';
export { beijingTimeToIso } from './alipay-time';

export interface AlipayNotifyOptions {
  /** The merchant's app (APPID): a notify for another app is refused. */
  appId: string;
  /** The app private key; the SDK requires one, verification does not use it. */
  appPrivateKey: string;
  /** 支付宝公钥, base64 or PEM; several during rotation, any one verifies. */
  alipayPublicKeys: readonly string[];
}

/** The verified notify's parameters, URL-decoded (sign and sign_type included). */
export type AlipayNotifyParams = Readonly<Record<string, string>>;

/** The only accepted sign_type: SHA256withRSA. `RSA` (SHA1withRSA) is refused. */
const SIGN_TYPE = 'RSA2';

/**
 * Alipay's asynchronous notify (异步通知): a utf-8 form POST whose `sign` is SHA256withRSA, by
 * Alipay's key, over the decoded parameters without sign and sign_type, sorted by name, joined as
 * `k=v&...`. Verification is the official `alipay-sdk`'s checkNotifySignV2, once per configured
 * Alipay public key. notify_time is no freshness check: Alipay retries a notify for 25 hours.
 * Success is the body `success`; anything else makes Alipay retry.
 */
export class AlipayNotifyProtocol implements WebhookProtocol<AlipayNotifyParams> {
  readonly keptHeaders = [] as const;
  private readonly verifiers: AlipaySdk[];

  constructor(private readonly options: AlipayNotifyOptions) {
    if (options.alipayPublicKeys.length === 0) {
      throw new Error('AlipayNotifyProtocol needs at least one Alipay public key');
    }
    const privateKey = normaliseAppPrivateKey(options.appPrivateKey);
    this.verifiers = options.alipayPublicKeys.map(
      (publicKey) =>
        new AlipaySdk({
          appId: options.appId,
          privateKey,
          keyType: 'PKCS8',
          alipayPublicKey: normaliseAlipayPublicKey(publicKey),
        }),
    );
  }

  verify(request: WebhookRequest): AlipayNotifyParams {
    assertUtf8Form(header(request, 'content-type'));
    const params = parseNotifyForm(request.rawBody);
    if (!params.sign) {
      throw new WebhookError('WEBHOOK.SIGNATURE_MISSING', 'sign is required');
    }
    if (params.sign_type !== SIGN_TYPE) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_INVALID',
        `sign_type must be ${SIGN_TYPE}, got ${(params.sign_type ?? 'none').slice(0, 16)}`,
      );
    }
    if (!this.verifiers.some((verifier) => verifies(verifier, params))) {
      throw new WebhookError(
        'WEBHOOK.SIGNATURE_INVALID',
        'sign matches no configured Alipay public key',
      );
    }
    if (params.app_id !== this.options.appId) {
      throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'app_id is not this merchant app');
    }
    return params;
  }

  decode(request: WebhookRequest): AlipayNotifyParams {
    assertUtf8Form(header(request, 'content-type'));
    return parseNotifyForm(request.rawBody);
  }

  success(): WebhookAnswer {
    return { status: 200, body: 'success' };
  }

  failure(rejection: Rejection): WebhookAnswer {
    return { status: rejection.status, body: { code: rejection.code, message: rejection.message } };
  }
}

function verifies(verifier: AlipaySdk, params: Record<string, string>): boolean {
  try {
    return verifier.checkNotifySignV2({ ...params });
  } catch {
    return false;
  }
}
