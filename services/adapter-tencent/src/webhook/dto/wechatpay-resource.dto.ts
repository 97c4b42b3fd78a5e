import { z } from 'zod';

const id = z.string().min(1).max(64);
const merchantId = z.string().min(1).max(32);
/** Amounts are validated by the mapping, so that a bad one is INVALID_AMOUNT, not MALFORMED_BODY. */
const fen = z.number();

/** Who received the money: `mchid` when direct, `sp_mchid` + `sub_mchid` in partner mode. */
const merchantFields = {
  mchid: merchantId.optional(),
  sp_mchid: merchantId.optional(),
  sub_mchid: merchantId.optional(),
};

/**
 * The decrypted resource of TRANSACTION.SUCCESS (支付成功通知): `amount.total` in integer fen,
 * `attach` the merchant's pass-through (up to 128 characters), `success_time` RFC 3339.
 */
export const WechatPayTransactionSchema = z.object({
  ...merchantFields,
  transaction_id: id,
  out_trade_no: z.string().max(64).optional(),
  trade_state: z.string().max(32),
  success_time: z.string().max(64),
  attach: z.string().max(512).optional(),
  payer: z
    .object({
      openid: z.string().min(1).max(128).optional(),
      sp_openid: z.string().min(1).max(128).optional(),
      sub_openid: z.string().min(1).max(128).optional(),
    })
    .optional(),
  amount: z.object({
    total: fen,
    currency: z.string().max(8).default('CNY'),
    payer_total: fen.optional(),
    payer_currency: z.string().max(8).optional(),
  }),
});

/**
 * The decrypted resource of REFUND.SUCCESS (退款结果通知): `amount.refund` is this refund's amount
 * in fen. WeChat Pay's refund resource carries no currency (CNY) and no payer; `attach` is ours.
 */
export const WechatPayRefundSchema = z.object({
  ...merchantFields,
  transaction_id: id,
  refund_id: id,
  out_refund_no: z.string().max(64).optional(),
  out_trade_no: z.string().max(64).optional(),
  refund_status: z.string().max(32),
  success_time: z.string().max(64),
  attach: z.string().max(512).optional(),
  amount: z.object({
    refund: fen,
    total: fen.optional(),
    currency: z.string().max(8).default('CNY'),
  }),
});

/** Any other TRANSACTION.* / REFUND.* resource: only its transaction is read (donations.raw key). */
export const WechatPayOtherResourceSchema = z.object({ transaction_id: id });

/**
 * `attach`: the campaign itself, or the platform project the registry maps to one. A present
 * attach that is neither is a malformed notification: its campaign cannot be told.
 */
export const TencentAttachSchema = z.union([
  z.object({ campaignId: z.string().min(1).max(64), charityId: z.string().min(1).max(64) }),
  z.object({ projectId: z.string().min(1).max(128) }),
]);

export type WechatPayTransaction = z.infer<typeof WechatPayTransactionSchema>;
export type WechatPayRefund = z.infer<typeof WechatPayRefundSchema>;
export type TencentAttach = z.infer<typeof TencentAttachSchema>;
