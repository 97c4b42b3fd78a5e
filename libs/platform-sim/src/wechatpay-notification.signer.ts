import { KeyObject, randomUUID, sign } from 'node:crypto';
import { Aes, Formatter } from 'wechatpay-axios-plugin';

/** A WeChat Pay platform private key under its serial (Wechatpay-Serial). */
export interface WechatPaySigningKey {
  serial: string;
  privateKey: KeyObject | string;
}

export interface WechatPayNotificationOptions {
  /** The merchant's APIv3 key: the AES-256-GCM key of `resource`. */
  apiV3Key: string;
  /** The notification id (WeChat Pay re-sends a notification with the same id). */
  id?: string;
  /** `create_time` of the envelope, RFC 3339. */
  createTime?: string;
  /** Changes the base64-decoded ciphertext after encryption (before signing). */
  tamperCiphertext?: boolean;
}

/**
 * The body WeChat Pay posts (支付通知 / 退款结果通知): an envelope whose `resource` is the JSON
 * resource encrypted with AEAD_AES_256_GCM under the APIv3 key, `original_type` as associated data.
 */
export function wechatpayNotificationBody(
  eventType: string,
  resource: unknown,
  options: WechatPayNotificationOptions,
): Buffer {
  const refund = eventType.startsWith('REFUND');
  const originalType = refund ? 'refund' : 'transaction';
  const nonce = Formatter.nonce(12);
  let ciphertext = Aes.AesGcm.encrypt(
    JSON.stringify(resource),
    options.apiV3Key,
    nonce,
    originalType,
  );
  if (options.tamperCiphertext) {
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[0] ^= 0x01;
    ciphertext = bytes.toString('base64');
  }
  return Buffer.from(
    JSON.stringify({
      id: options.id ?? randomUUID(),
      create_time: options.createTime ?? new Date().toISOString(),
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: refund ? '退款成功' : '支付成功',
      resource: {
        original_type: originalType,
        algorithm: 'AEAD_AES_256_GCM',
        ciphertext,
        associated_data: originalType,
        nonce,
      },
    }),
  );
}

export interface WechatPaySignOptions {
  at?: Date;
  /** Signs with this key but names `serial` (default: the key's own serial). */
  serial?: string;
  nonce?: string;
}

/** The Wechatpay-* headers: SHA256withRSA over `timestamp\nnonce\nbody\n`, as WeChat Pay signs. */
export function wechatpayHeaders(
  body: Buffer,
  key: WechatPaySigningKey,
  { at = new Date(), serial = key.serial, nonce = Formatter.nonce() }: WechatPaySignOptions = {},
): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = signBytes([timestamp, nonce, body], key.privateKey);
  return {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': serial,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/**
 * SHA256withRSA (PKCS#1 v1.5) over the raw bytes of `timestamp\nnonce\nbody\n`: the same
 * signature as signing the UTF-8 string, and also right for bodies that are not UTF-8 (fuzzing).
 */
function signBytes(parts: [string, string, Buffer], privateKey: KeyObject | string): string {
  const [timestamp, nonce, body] = parts;
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from('\n')]);
  return sign('sha256', message, privateKey).toString('base64');
}
