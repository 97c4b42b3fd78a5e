import { generateKeyPairSync, KeyObject, randomInt } from 'node:crypto';
import type { DonationEventV1 } from '@donations/contracts';

/** Signs as Alipay does (one copy, shared with the traffic simulator). */
export { alipaySignedForm as signedForm } from '@donations/platform-sim';

/** The merchant app and Alipay's signing keys, made up for a test run. */
export const APP_ID = '2021004100000001';
export const SELLER_ID = '2088101117955611';

export function rsaKeys(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

/** A public key as the Alipay open platform shows it: one line of base64 SPKI. */
export function alipayPublicKey(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

/** An app private key as the Alipay key tool writes it: one line of base64 PKCS#1. */
export function appPrivateKey(key: KeyObject): string {
  return key.export({ type: 'pkcs1', format: 'der' }).toString('base64');
}

export type NotifyParams = Record<string, string>;
export type NotifyOverrides = Record<string, string | undefined>;

/** A 28-digit 支付宝交易号 like Alipay's: date, channel, sequence. */
export function tradeNo(): string {
  const sequence = Array.from({ length: 15 }, () => randomInt(10)).join('');
  return `2026090922001${sequence}`;
}

/** Alipay's trade notify for a paid donation; `undefined` in overrides drops a parameter. */
export function paidNotify(overrides: NotifyOverrides = {}): NotifyParams {
  const params: NotifyOverrides = {
    notify_time: '2026-09-09 10:00:05',
    notify_type: 'trade_status_sync',
    notify_id: `2026090900222100005${randomInt(1e9)}`,
    app_id: APP_ID,
    charset: 'utf-8',
    version: '1.0',
    auth_app_id: APP_ID,
    trade_no: tradeNo(),
    out_trade_no: `donate-${randomInt(1e9)}`,
    buyer_id: '2088102177846880',
    buyer_logon_id: 'don***@example.com',
    seller_id: SELLER_ID,
    seller_email: 'charity@example.org',
    trade_status: 'TRADE_SUCCESS',
    total_amount: '88.88',
    receipt_amount: '88.88',
    buyer_pay_amount: '88.88',
    subject: '乡村儿童营养餐 100% 捐款',
    gmt_create: '2026-09-09 10:00:00',
    gmt_payment: '2026-09-09 10:00:01',
    fund_bill_list: '[{"amount":"88.88","fundChannel":"ALIPAYACCOUNT"}]',
    ...overrides,
  };
  return defined(params);
}

/** The notify Alipay sends for a refund: the trade again, with the cumulative refund_fee. */
export function refundNotify(
  paid: NotifyParams,
  refundFee: string,
  overrides: NotifyOverrides = {},
): NotifyParams {
  return defined({
    ...paid,
    notify_id: `2026091000222100005${randomInt(1e9)}`,
    refund_fee: refundFee,
    gmt_refund: '2026-09-10 09:00:00.123',
    ...overrides,
  });
}

function defined(params: NotifyOverrides): NotifyParams {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** The refunds among a trade's events, as amount and refundId. */
export function refundsOf(events: readonly DonationEventV1[]) {
  return events
    .filter((event) => event.type === 'donation.refunded')
    .map((event) => ({ amountMinor: event.amountMinor, refundId: event.refundId }));
}
