import { Webhook } from 'standardwebhooks';
import { AdapterHarness, PostResult, uniqueSuffix } from '@donations/testing';

export interface SentDonation {
  readonly answer: PostResult;
  readonly orderNo: string;
  readonly userId: string;
}

/** A donation.paid of `amountFen` to `projectId`, signed with `secret` as shuidi signs it. */
export async function postShuidiDonation(
  adapter: AdapterHarness,
  secret: string,
  projectId: string,
  amountFen = 500,
): Promise<SentDonation> {
  const orderNo = `sd-${uniqueSuffix()}`;
  const userId = `donor-${uniqueSuffix()}`;
  const data = {
    orderNo,
    projectId,
    amountFen,
    occurredAt: '2026-12-06T10:00:01+08:00',
    donor: { userId },
  };
  const raw = Buffer.from(JSON.stringify({ type: 'donation.paid', data }));
  const id = `msg_${uniqueSuffix()}`;
  const answer = await adapter.post('/webhooks/shuidi', raw, {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, new Date(), raw),
  });
  return { answer, orderNo, userId };
}
