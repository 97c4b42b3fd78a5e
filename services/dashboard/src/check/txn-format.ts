import { isStorableText, Platform } from '@donations/contracts';

/**
 * The longest transaction number each platform's adapter keeps as platformTxnId: the smaller of
 * what the platform documents and what its adapter accepts (a longer one never reaches the
 * ledger). Alipay documents trade_no (支付宝交易号) as String(64); WeChat Pay API v3 documents
 * transaction_id (微信支付订单号) as string[1,32]. Stripe documents object ids of up to 255
 * characters, but its adapter keeps the PaymentIntent id (else the charge's or the session's) of
 * up to 128; 水滴公益 (orderNo) and 京东公益 (orderId) publish no format: their adapters' 128.
 */
export const TXN_MAX_LENGTH: Readonly<Record<Platform, number>> = {
  alipay: 64,
  tencent: 32,
  stripe: 128,
  shuidi: 128,
  jd: 128,
};

/**
 * Whether `txn` (already trimmed) can be one of `platform`'s transaction numbers in the ledger.
 * Only what the platforms document is checked (the length): none of them documents a character
 * set or a prefix, so a number of letters or of digits alike is looked up; text PostgreSQL cannot
 * store (NUL, a lone surrogate) is in no ledger row either.
 */
export function couldBeTransaction(platform: Platform, txn: string): boolean {
  return txn.length >= 1 && txn.length <= TXN_MAX_LENGTH[platform] && isStorableText(txn);
}
