import type { StatementFormat } from '../statement-format';

/**
 * 京东公益: modelled on a JD Pay merchant 对账单 (Chinese headers, Beijing time, yuan amounts in
 * one column). 业务类型 is 支付 or 退款 (the webhook's ORDER_PAID / ORDER_REFUNDED are accepted
 * too); 活动ID is the webhook's activityId.
 */
export const JD_STATEMENT_FORMAT: StatementFormat = {
  platform: 'jd',
  modelledOn: '京东支付 商户对账单 (merchant statement)',
  columns: {
    transactionId: '订单号',
    kind: '业务类型',
    refundId: '退款单号',
    occurredAt: '交易时间',
    donationAmount: '金额（元）',
    refundAmount: '金额（元）',
    currency: '币种',
    projectId: '活动ID',
    campaignId: '慈善项目备案编号',
    charityId: '统一社会信用代码',
  },
  kinds: { donation: ['支付', 'ORDER_PAID'], refund: ['退款', 'ORDER_REFUNDED'], ignored: [] },
  amountUnit: 'decimal',
  defaultCurrency: 'CNY',
  localOffset: '+08:00',
  example: [
    '订单号,业务类型,退款单号,交易时间,金额（元）,币种,活动ID,慈善项目备案编号,统一社会信用代码',
    'JD2026090900000001,支付,,2026-09-09 10:00:01,12.30,CNY,JD-ACT-3001,,',
    'JD2026090900000002,支付,,2026-09-09 10:02:00,50.00,CNY,,MZ-2026-0001,53100000500021676K',
    'JD2026090900000001,退款,JDR2026090900000001,2026-09-09 15:00:00,2.30,CNY,JD-ACT-3001,,',
    '',
  ].join('\n'),
};
