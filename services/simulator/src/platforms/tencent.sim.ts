import { randomUUID } from 'node:crypto';
import { wechatpayHeaders, wechatpayNotificationBody } from '@donations/platform-sim';
import type { DonationPlan, Notification } from '../journeys/journey.types';
import { plusSeconds, rfc3339Beijing } from './beijing-time';
import type { PlatformKeys } from './platform-keys';
import type { PlatformSim, PreparedMessage } from './platform-sim.types';

/**
 * 腾讯公益 over WeChat Pay API v3 (partner mode): TRANSACTION.SUCCESS with the campaign in
 * `attach` as `{"projectId"}`, REFUND.SUCCESS naming only the transaction and the charity's
 * sub-merchant; resources AES-256-GCM encrypted with the APIv3 key; every attempt signed afresh
 * (Wechatpay-Timestamp, -Nonce, -Signature, -Serial).
 */
export class TencentSim implements PlatformSim {
  readonly platform = 'tencent' as const;
  readonly path = '/webhooks/tencent';

  constructor(private readonly keys: PlatformKeys['tencent']) {}

  prepare(plan: DonationPlan, notification: Notification): PreparedMessage {
    if (notification.kind !== 'refund') {
      return this.encrypted('TRANSACTION.SUCCESS', this.transaction(plan), plan.occurredAt);
    }
    const refund = plan.refunds[notification.refund];
    const resource = {
      sp_mchid: this.keys.mchid,
      sub_mchid: plan.campaign.tencentSubMchid,
      transaction_id: plan.txnId,
      out_trade_no: outTradeNo(plan),
      refund_id: refund.refundId,
      out_refund_no: `rf-${refund.refundId}`,
      refund_status: 'SUCCESS',
      success_time: rfc3339Beijing(refund.occurredAt),
      user_received_account: '支付用户零钱',
      amount: {
        total: plan.amountMinor,
        refund: refund.amountMinor,
        payer_total: plan.amountMinor,
        payer_refund: refund.amountMinor,
      },
    };
    return this.encrypted('REFUND.SUCCESS', resource, refund.occurredAt);
  }

  brokenBody(plan: DonationPlan): PreparedMessage {
    const { body, messageId } = this.prepare(plan, { kind: 'paid' });
    return { body: body.subarray(0, body.length - 7), messageId };
  }

  sign(message: PreparedMessage, at: Date): Record<string, string> {
    return wechatpayHeaders(message.body, this.keys, { at });
  }

  isSuccess(status: number): boolean {
    return status >= 200 && status < 300;
  }

  private transaction(plan: DonationPlan) {
    return {
      sp_appid: 'wx8888888888888888',
      sp_mchid: this.keys.mchid,
      sub_mchid: plan.campaign.tencentSubMchid,
      out_trade_no: outTradeNo(plan),
      transaction_id: plan.txnId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: JSON.stringify({ projectId: plan.campaign.projectIds.tencent }),
      success_time: rfc3339Beijing(plan.occurredAt),
      payer: { sp_openid: plan.donor.userId },
      amount: {
        total: plan.amountMinor,
        payer_total: plan.amountMinor,
        currency: 'CNY',
        payer_currency: 'CNY',
      },
    };
  }

  private encrypted(eventType: string, resource: unknown, at: Date): PreparedMessage {
    const id = randomUUID();
    const body = wechatpayNotificationBody(eventType, resource, {
      apiV3Key: this.keys.apiV3Key,
      id,
      createTime: rfc3339Beijing(plusSeconds(at, 1)),
    });
    return { body, messageId: id };
  }
}

function outTradeNo(plan: DonationPlan): string {
  return `txgy${plan.txnId.slice(-20)}`;
}
