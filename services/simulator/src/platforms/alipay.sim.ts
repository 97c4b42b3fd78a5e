import { createHash } from 'node:crypto';
import { minorToDecimal } from '@donations/contracts';
import { ALIPAY_NOTIFY_CONTENT_TYPE, alipaySignedForm } from '@donations/platform-sim';
import type { DonationPlan, Notification } from '../journeys/journey.types';
import { alipayTime, plusSeconds } from './beijing-time';
import type { PlatformKeys } from './platform-keys';
import type { PlatformSim, PreparedMessage } from './platform-sim.types';

/**
 * 支付宝公益: the async trade notify (异步通知), a utf-8 form signed RSA2 with Alipay's key. A refund
 * is the trade notified again with the cumulative refund_fee (TRADE_CLOSED once all is refunded)
 * and its out_biz_no. The campaign travels in passback_params as `{"projectId"}`.
 */
export class AlipaySim implements PlatformSim {
  readonly platform = 'alipay' as const;
  readonly path = '/webhooks/alipay';

  constructor(private readonly keys: PlatformKeys['alipay']) {}

  prepare(plan: DonationPlan, notification: Notification): PreparedMessage {
    const params = this.paidParams(plan);
    if (notification.kind === 'refund') {
      const refund = plan.refunds[notification.refund];
      Object.assign(params, {
        notify_id: notifyId(plan, `refund-${notification.refund}`),
        notify_time: alipayTime(plusSeconds(refund.occurredAt, 2)),
        trade_status:
          refund.cumulativeMinor === plan.amountMinor ? 'TRADE_CLOSED' : 'TRADE_SUCCESS',
        out_biz_no: refund.refundId,
        refund_fee: minorToDecimal(refund.cumulativeMinor, 'CNY'),
        gmt_refund: alipayTime(refund.occurredAt),
      });
    }
    return this.signed(params, params.notify_id);
  }

  brokenBody(plan: DonationPlan): PreparedMessage {
    const params: Record<string, string> = {
      ...this.paidParams(plan),
      trade_status: 'TRADE_PENDING_REVIEW',
    };
    return this.signed(params, params.notify_id);
  }

  /** The sign is part of the form (over the parameters): every attempt posts the same bytes. */
  sign(): Record<string, string> {
    return { 'content-type': ALIPAY_NOTIFY_CONTENT_TYPE };
  }

  isSuccess(status: number, body: string): boolean {
    return status === 200 && body.trim() === 'success';
  }

  private signed(params: Record<string, string>, messageId: string): PreparedMessage {
    return { body: alipaySignedForm(params, { privateKey: this.keys.privateKey }), messageId };
  }

  private paidParams(plan: DonationPlan): Record<string, string> {
    const yuan = minorToDecimal(plan.amountMinor, 'CNY');
    return {
      notify_time: alipayTime(plusSeconds(plan.occurredAt, 2)),
      notify_type: 'trade_status_sync',
      notify_id: notifyId(plan, 'paid'),
      app_id: this.keys.appId,
      auth_app_id: this.keys.appId,
      charset: 'utf-8',
      version: '1.0',
      trade_no: plan.txnId,
      out_trade_no: `gy${plan.txnId.slice(-18)}`,
      buyer_id: plan.donor.userId,
      seller_id: `2088${String(plan.campaign.index).padStart(12, '0')}`,
      trade_status: 'TRADE_SUCCESS',
      total_amount: yuan,
      receipt_amount: yuan,
      buyer_pay_amount: yuan,
      subject: `公益捐款 ${plan.campaign.campaignId}`.slice(0, 64),
      gmt_create: alipayTime(plusSeconds(plan.occurredAt, -3)),
      gmt_payment: alipayTime(plan.occurredAt),
      fund_bill_list: JSON.stringify([{ amount: yuan, fundChannel: 'ALIPAYACCOUNT' }]),
      passback_params: encodeURIComponent(
        JSON.stringify({ projectId: plan.campaign.projectIds.alipay }),
      ),
    };
  }
}

/** Alipay's notify_id: one per notification, kept when Alipay re-sends it. */
function notifyId(plan: DonationPlan, what: string): string {
  const digest = createHash('sha256').update(`${plan.txnId}:${what}`).digest('hex');
  return `${plan.txnId.slice(0, 8)}00222${digest.slice(0, 20)}`;
}
