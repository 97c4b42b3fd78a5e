import { createHash } from 'node:crypto';
import { minorToDecimal } from '@donations/contracts';
import { StandardWebhookSigner } from '@donations/platform-sim';
import type { DonationPlan, Notification } from '../journeys/journey.types';
import { rfc3339Beijing } from './beijing-time';
import type { PlatformSim, PreparedMessage } from './platform-sim.types';

/** A platform's JSON body for a notification of a donation. */
type PayloadOf = (plan: DonationPlan, notification: Notification) => unknown;

/**
 * A platform without a payment-channel protocol: Standard Webhooks (webhook-id kept across
 * re-sends, webhook-timestamp and webhook-signature made per attempt) around its own JSON body.
 */
export class StandardWebhooksSim implements PlatformSim {
  readonly path: string;
  private readonly signer: StandardWebhookSigner;

  constructor(
    readonly platform: 'shuidi' | 'jd',
    secret: string,
    private readonly payloadOf: PayloadOf,
  ) {
    this.path = `/webhooks/${platform}`;
    this.signer = new StandardWebhookSigner(secret);
  }

  prepare(plan: DonationPlan, notification: Notification): PreparedMessage {
    const what = notification.kind === 'refund' ? `refund-${notification.refund}` : 'paid';
    const digest = createHash('sha256').update(`${plan.txnId}:${what}`).digest('hex');
    const body = Buffer.from(JSON.stringify(this.payloadOf(plan, notification)));
    return { body, messageId: `msg_${digest.slice(0, 26)}` };
  }

  brokenBody(plan: DonationPlan): PreparedMessage {
    const { body, messageId } = this.prepare(plan, { kind: 'paid' });
    return { body: body.subarray(0, body.length - 5), messageId };
  }

  sign(message: PreparedMessage, at: Date): Record<string, string> {
    return this.signer.headers(message.body, message.messageId, at);
  }

  isSuccess(status: number): boolean {
    return status >= 200 && status < 300;
  }
}

/** 水滴公益: `donation.paid` / `donation.refunded`, integer fen, donor age band and region. */
export function shuidiPayload(plan: DonationPlan, notification: Notification): unknown {
  const refund = notification.kind === 'refund' ? plan.refunds[notification.refund] : undefined;
  return {
    type: refund ? 'donation.refunded' : 'donation.paid',
    data: {
      orderNo: plan.txnId,
      ...(refund ? { refundNo: refund.refundId } : {}),
      projectId: plan.campaign.projectIds.shuidi,
      amountFen: refund?.amountMinor ?? plan.amountMinor,
      currency: plan.currency,
      occurredAt: rfc3339Beijing(refund?.occurredAt ?? plan.occurredAt),
      donor: { userId: plan.donor.userId, ageBand: plan.donor.ageBand, region: plan.donor.region },
    },
  };
}

/** 京东公益: ORDER_PAID / ORDER_REFUNDED, yuan strings, the donor's age range and province. */
export function jdPayload(plan: DonationPlan, notification: Notification): unknown {
  const refund = notification.kind === 'refund' ? plan.refunds[notification.refund] : undefined;
  return {
    eventType: refund ? 'ORDER_REFUNDED' : 'ORDER_PAID',
    payload: {
      orderId: plan.txnId,
      ...(refund ? { refundId: refund.refundId } : {}),
      activityId: plan.campaign.projectIds.jd,
      amount: minorToDecimal(refund?.amountMinor ?? plan.amountMinor, plan.currency),
      currency: plan.currency,
      eventTime: rfc3339Beijing(refund?.occurredAt ?? plan.occurredAt),
      pin: plan.donor.userId,
      ageRange: plan.donor.ageBand,
      province: plan.donor.region,
    },
  };
}
