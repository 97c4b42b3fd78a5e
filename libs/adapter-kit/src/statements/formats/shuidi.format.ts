import type { StatementFormat } from '../statement-format';

/**
 * 水滴公益 has no public statement format: the columns mirror its webhook body (`data.orderNo`,
 * `refundNo`, `amountFen`, ...), the kinds its event types. Times carry an offset or are
 * Beijing time.
 */
export const SHUIDI_STATEMENT_FORMAT: StatementFormat = {
  platform: 'shuidi',
  modelledOn: 'the 水滴公益 webhook body (no public statement format)',
  columns: {
    transactionId: 'orderNo',
    kind: 'type',
    refundId: 'refundNo',
    occurredAt: 'occurredAt',
    donationAmount: 'amountFen',
    refundAmount: 'amountFen',
    currency: 'currency',
    projectId: 'projectId',
    campaignId: 'campaignId',
    charityId: 'charityId',
  },
  kinds: { donation: ['donation.paid'], refund: ['donation.refunded'], ignored: [] },
  amountUnit: 'minor',
  defaultCurrency: 'CNY',
  localOffset: '+08:00',
  example: [
    'orderNo,type,refundNo,occurredAt,amountFen,currency,projectId,campaignId,charityId',
    'sd-20260909-0001,donation.paid,,2026-09-09T10:00:01+08:00,500,CNY,proj-1,,',
    'sd-20260909-0002,donation.paid,,2026-09-09 11:30:00,2000,,,MZ-2026-0001,53100000500021676K',
    'sd-20260909-0001,donation.refunded,r-1,2026-09-09T12:00:00+08:00,200,CNY,proj-1,,',
    '',
  ].join('\n'),
};
