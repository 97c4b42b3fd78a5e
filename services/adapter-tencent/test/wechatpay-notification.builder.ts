import { isUtf8 } from 'node:buffer';
import { generateKeyPairSync, KeyObject, randomUUID, sign } from 'node:crypto';
import { Aes, Formatter, Rsa } from 'wechatpay-axios-plugin';
import { uniqueSuffix } from '@donations/testing';

export const API_V3_KEY = 'tencent-apiv3-key-0123456789abcd';

/** A WeChat Pay platform key pair under a serial, as the test's "WeChat Pay" holds it. */
export interface PlatformKey {
  serial: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function platformKey(serial: string): PlatformKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { serial, privateKey, publicKey };
}

/** WECHATPAY_PLATFORM_KEYS: the first key as base64 SPKI DER, the others as base64 PEM. */
export function platformKeysEnv(keys: readonly PlatformKey[]): string {
  return keys
    .map(({ serial, publicKey }, index) => {
      const encoded =
        index === 0
          ? publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
          : Buffer.from(publicKey.export({ type: 'spki', format: 'pem' })).toString('base64');
      return `${serial}=${encoded}`;
    })
    .join(',');
}

/** A decrypted TRANSACTION.SUCCESS resource (partner mode), with overrides. */
export function transaction(overrides: Record<string, unknown> = {}) {
  return {
    sp_appid: 'wx8888888888888888',
    sp_mchid: '1230000109',
    sub_mchid: '1900000109',
    out_trade_no: `order-${uniqueSuffix()}`,
    transaction_id: `42000${uniqueSuffix()}`,
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: '支付成功',
    bank_type: 'CMC',
    success_time: '2026-09-09T10:00:01+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 500, payer_total: 500, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
}

/** A decrypted REFUND.SUCCESS resource of `transactionId`, with overrides. */
export function refund(transactionId: string, overrides: Record<string, unknown> = {}) {
  return {
    sp_mchid: '1230000109',
    sub_mchid: '1900000109',
    transaction_id: transactionId,
    out_trade_no: 'order-1',
    refund_id: `50000${uniqueSuffix()}`,
    out_refund_no: `refund-${uniqueSuffix()}`,
    refund_status: 'SUCCESS',
    success_time: '2026-09-10T10:00:01+08:00',
    user_received_account: '招商银行信用卡0403',
    amount: { total: 500, refund: 200, payer_total: 500, payer_refund: 200 },
    ...overrides,
  };
}

export interface NotificationOptions {
  apiV3Key?: string;
  /** Changes the base64-decoded ciphertext after encryption (before signing). */
  tamperCiphertext?: boolean;
}

/** The body WeChat Pay posts: the resource AES-256-GCM encrypted with the APIv3 key. */
export function notificationBody(
  eventType: string,
  resource: unknown,
  { apiV3Key = API_V3_KEY, tamperCiphertext = false }: NotificationOptions = {},
): Buffer {
  const originalType = eventType.startsWith('REFUND') ? 'refund' : 'transaction';
  const nonce = Formatter.nonce(12);
  let ciphertext = Aes.AesGcm.encrypt(JSON.stringify(resource), apiV3Key, nonce, originalType);
  if (tamperCiphertext) {
    const bytes = Buffer.from(ciphertext, 'base64');
    bytes[0] ^= 0x01;
    ciphertext = bytes.toString('base64');
  }
  return Buffer.from(
    JSON.stringify({
      id: randomUUID(),
      create_time: '2026-09-09T10:00:02+08:00',
      resource_type: 'encrypt-resource',
      event_type: eventType,
      summary: eventType.startsWith('REFUND') ? '退款成功' : '支付成功',
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

export interface SignOptions {
  at?: Date;
  /** Signs with this key but names `serial` (default: the key's own serial). */
  serial?: string;
  nonce?: string;
}

/** The Wechatpay-* headers: SHA256withRSA over `timestamp\nnonce\nbody\n`, as WeChat Pay signs. */
export function wechatpayHeaders(
  body: Buffer,
  key: PlatformKey,
  { at = new Date(), serial = key.serial, nonce = Formatter.nonce() }: SignOptions = {},
): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = isUtf8(body)
    ? Rsa.sign(Formatter.response(timestamp, nonce, body.toString('utf8')), key.privateKey)
    : signBytes([timestamp, nonce, body], key.privateKey);
  return {
    'content-type': 'application/json',
    'wechatpay-timestamp': timestamp,
    'wechatpay-nonce': nonce,
    'wechatpay-signature': signature,
    'wechatpay-serial': serial,
    'wechatpay-signature-type': 'WECHATPAY2-SHA256-RSA2048',
  };
}

/** For fuzzed bodies that are not UTF-8: the same message, signed over the raw bytes. */
function signBytes(parts: [string, string, Buffer], privateKey: KeyObject): string {
  const [timestamp, nonce, body] = parts;
  const message = Buffer.concat([Buffer.from(`${timestamp}\n${nonce}\n`), body, Buffer.from('\n')]);
  return sign('sha256', message, privateKey).toString('base64');
}
