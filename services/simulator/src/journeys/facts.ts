import type { Platform } from '@donations/contracts';
import type { DonationPlan, Notification } from './journey.types';
import { reportsRefundObjects, stripeRefundId } from './stripe-refunds';

interface FactBase {
  platform: Platform;
  txnId: string;
  campaignId: string;
  charityId: string;
  currency: string;
}

/**
 * What a platform's notification, once ACCEPTED (2xx), tells about its money: a donation, a
 * refund with its own id and amount, or (Alipay's refund_fee, Stripe's charge.refunded) the
 * cumulative amount refunded.
 */
export type Fact =
  | (FactBase & { kind: 'donation'; amountMinor: number })
  | (FactBase & { kind: 'refund'; refundId: string; amountMinor: number })
  | (FactBase & { kind: 'cumulative-refund'; cumulativeMinor: number });

/**
 * The facts an accepted notification establishes, by the platform's protocol: Alipay's refund
 * notify is the trade again with a cumulative refund_fee (so it also proves the payment); Stripe's
 * charge.refunded carries the cumulative amount_refunded, its refund.created the refund object
 * with its re_ id and amount (stripe-refunds.ts: which payments send which); WeChat Pay, 水滴 and
 * 京东 name each refund with its own amount.
 */
export function factsOf(plan: DonationPlan, notification: Notification): Fact[] {
  const base: FactBase = {
    platform: plan.platform,
    txnId: plan.txnId,
    campaignId: plan.campaign.campaignId,
    charityId: plan.campaign.charityId,
    currency: plan.currency,
  };
  const donation = { ...base, kind: 'donation' as const, amountMinor: plan.amountMinor };
  if (notification.kind !== 'refund') return [donation];
  const refund = plan.refunds[notification.refund];
  switch (plan.platform) {
    case 'alipay':
      return [
        donation,
        { ...base, kind: 'cumulative-refund', cumulativeMinor: refund.cumulativeMinor },
      ];
    case 'stripe':
      return reportsRefundObjects(plan)
        ? [
            {
              ...base,
              kind: 'refund',
              refundId: stripeRefundId(plan, refund),
              amountMinor: refund.amountMinor,
            },
          ]
        : [{ ...base, kind: 'cumulative-refund', cumulativeMinor: refund.cumulativeMinor }];
    case 'tencent':
    case 'shuidi':
    case 'jd':
      return [
        { ...base, kind: 'refund', refundId: refund.refundId, amountMinor: refund.amountMinor },
      ];
  }
}
