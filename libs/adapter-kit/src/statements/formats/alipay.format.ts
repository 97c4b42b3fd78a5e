import type { StatementFormat } from '../statement-format';

/**
 * 支付宝公益: modelled on Alipay's 账务明细 download (`#` comment lines around the table, Beijing
 * time, yuan amounts with income and expense in separate columns). 退款请求号 is the refund's
 * out_request_no (`out_biz_no` in the refund notify): the refundId the webhook mapping uses.
 */
export const ALIPAY_STATEMENT_FORMAT: StatementFormat = {
  platform: 'alipay',
  modelledOn: '支付宝 账务明细 (account statement)',
  columns: {
    transactionId: '支付宝交易号',
    kind: '业务类型',
    refundId: '退款请求号',
    occurredAt: '发生时间',
    donationAmount: '收入金额（+元）',
    refundAmount: '支出金额（-元）',
    currency: '币种',
    projectId: '公益项目编号',
    campaignId: '慈善项目备案编号',
    charityId: '统一社会信用代码',
  },
  kinds: {
    donation: ['交易', '在线支付'],
    refund: ['退款', '交易退款'],
    ignored: ['服务费', '提现'],
  },
  refundsPerTransaction: true,
  amountUnit: 'decimal',
  defaultCurrency: 'CNY',
  localOffset: '+08:00',
  commentPrefix: '#',
  example: [
    '#支付宝账务明细查询',
    '#账号：[20880000000000000156]',
    '支付宝交易号,业务类型,退款请求号,发生时间,收入金额（+元）,支出金额（-元）,币种,公益项目编号,慈善项目备案编号,统一社会信用代码',
    '2026090922001400001000000001,交易,,2026-09-09 10:00:01,12.30,,CNY,ALI-PRJ-1001,,',
    '2026090922001400001000000002,交易,,2026-09-09 10:05:42,100.00,,,,MZ-2026-0001,53100000500021676K',
    '2026090922001400001000000001,退款,RF20260909000001,2026-09-09 18:20:00,,2.30,CNY,ALI-PRJ-1001,,',
    '2026090922001400001000000003,服务费,,2026-09-09 23:59:59,,0.06,CNY,,,',
    '#-----账务明细列表结束-----',
    '',
  ].join('\n'),
};
