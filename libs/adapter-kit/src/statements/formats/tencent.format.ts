import type { StatementFormat } from '../statement-format';

/**
 * 腾讯公益: modelled on the WeChat Pay 交易账单 (trade bill): every cell prefixed with a backtick,
 * Beijing time, a totals section after 总交易单数. Amounts are integer fen as in the API v3
 * notify; a REFUND row carries its refund in 退款金额 and the notify's refund_id in 微信退款单号.
 */
export const TENCENT_STATEMENT_FORMAT: StatementFormat = {
  platform: 'tencent',
  modelledOn: '微信支付 交易账单 (trade bill)',
  columns: {
    transactionId: '微信支付订单号',
    kind: '交易状态',
    refundId: '微信退款单号',
    occurredAt: '交易时间',
    donationAmount: '订单金额',
    refundAmount: '退款金额',
    currency: '货币种类',
    projectId: '公益项目编号',
    campaignId: '慈善项目备案编号',
    charityId: '统一社会信用代码',
  },
  kinds: { donation: ['SUCCESS'], refund: ['REFUND'], ignored: ['REVOKED'] },
  refundsPerTransaction: true,
  amountUnit: 'minor',
  defaultCurrency: 'CNY',
  localOffset: '+08:00',
  cellPrefix: '`',
  endMarker: '总交易单数',
  example: [
    '交易时间,微信支付订单号,交易状态,订单金额,微信退款单号,退款金额,货币种类,公益项目编号,慈善项目备案编号,统一社会信用代码',
    '`2026-09-09 10:00:01,`4200002026090900000001,`SUCCESS,`500,`,`0,`CNY,`TX-PRJ-2001,`,`',
    '`2026-09-09 10:00:03,`4200002026090900000002,`SUCCESS,`9900,`,`0,`CNY,`,`MZ-2026-0001,`53100000500021676K',
    '`2026-09-09 12:30:00,`4200002026090900000001,`REFUND,`500,`50300020262026090900000001,`200,`CNY,`TX-PRJ-2001,`,`',
    '`2026-09-09 13:00:00,`4200002026090900000004,`REVOKED,`100,`,`0,`CNY,`TX-PRJ-2001,`,`',
    '总交易单数,应结订单总金额,退款总金额',
    '`3,`10500,`200',
    '',
  ].join('\n'),
};
