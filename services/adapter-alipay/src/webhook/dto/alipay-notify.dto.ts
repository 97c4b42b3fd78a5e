import { z } from 'zod';
import { beijingTimeToIso } from '@donations/adapter-kit';

/**
 * trade_status of a 支付宝 trade notify: created and unpaid, closed (unpaid timeout or fully
 * refunded), paid (refundable), finished (paid, no longer refundable).
 */
export const ALIPAY_TRADE_STATUSES = [
  'WAIT_BUYER_PAY',
  'TRADE_CLOSED',
  'TRADE_SUCCESS',
  'TRADE_FINISHED',
] as const;

const id = z.string().min(1).max(128);

/** Beijing `yyyy-MM-dd HH:mm:ss[.S]` to ISO 8601 with +08:00. */
const beijingTime = z.string().transform((value, ctx) => {
  const iso = beijingTimeToIso(value);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: 'expected yyyy-MM-dd HH:mm:ss (Beijing time)' });
    return z.NEVER;
  }
  return iso;
});

/**
 * The fields of Alipay's trade notify (异步通知参数) the mapping reads; others are kept on
 * donations.raw only. Amounts stay strings here: yuan with two decimals, converted to fen without
 * floating point by the mapping. `passback_params` is the merchant's URL-encoded pass-through.
 */
export const AlipayNotifySchema = z.object({
  app_id: id,
  trade_no: z.string().min(1).max(64),
  trade_status: z.enum(ALIPAY_TRADE_STATUSES),
  out_trade_no: z.string().max(64).optional(),
  out_biz_no: id.optional(),
  seller_id: id.optional(),
  buyer_id: id.optional(),
  buyer_open_id: id.optional(),
  total_amount: z.string().optional(),
  refund_fee: z.string().optional(),
  gmt_payment: beijingTime.optional(),
  gmt_refund: beijingTime.optional(),
  passback_params: z.string().max(2048).optional(),
});

export type AlipayNotify = z.infer<typeof AlipayNotifySchema>;
