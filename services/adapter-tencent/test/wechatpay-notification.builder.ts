import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { wechatpayNotificationBody } from '@donations/platform-sim';
import { uniqueSuffix } from '@donations/testing';

/** Signs as WeChat Pay does (one copy, shared with the traffic simulator). */
export {
  type WechatPaySignOptions as SignOptions,
  wechatpayHeaders,
} from '@donations/platform-sim';

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

/** The body WeChat Pay posts, encrypted with the test's APIv3 key unless told otherwise. */
export function notificationBody(
  eventType: string,
  resource: unknown,
  { apiV3Key = API_V3_KEY, tamperCiphertext = false }: NotificationOptions = {},
): Buffer {
  const createTime = '2026-09-09T10:00:02+08:00';
  return wechatpayNotificationBody(eventType, resource, { apiV3Key, createTime, tamperCiphertext });
}
