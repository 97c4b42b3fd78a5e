import { aDonationEvent } from '@donations/contracts';
import { WebhookReceipt } from '../receipts/webhook-receipt.entity';
import { compareWithReceipts } from './renormalise-figures';

function receiptOf(event: ReturnType<typeof aDonationEvent>, campaignId = event.campaignId) {
  const receipt = new WebhookReceipt();
  Object.assign(receipt, {
    eventId: event.eventId,
    platform: event.platform,
    platformTxnId: event.platformTxnId,
    type: event.type,
    refundId: null,
    campaignId,
    charityId: event.charityId,
    amountMinor: event.amountMinor,
    currency: `${event.currency}`,
    occurredAt: new Date(event.occurredAt),
    source: 'webhook',
  });
  return receipt;
}

describe('compareWithReceipts', () => {
  it('says new, same (whatever the offset the instant was written with) or differs', () => {
    const fresh = aDonationEvent({ platformTxnId: 'txn-1' });
    const same = aDonationEvent({
      platformTxnId: 'txn-2',
      occurredAt: '2026-12-06T10:00:01+08:00',
    });
    const moved = aDonationEvent({ platformTxnId: 'txn-3' });
    const compared = compareWithReceipts(
      [fresh, same, moved],
      [receiptOf(same), receiptOf(moved, 'campaign-before')],
    );
    expect(compared.map((event) => event.status)).toEqual(['new', 'same', 'differs']);
    expect(compared[0].before).toBeNull();
    expect(compared[1].after.occurredAt).toBe('2026-12-06T02:00:01.000Z');
    expect(compared[2]).toMatchObject({
      before: { campaignId: 'campaign-before' },
      after: { campaignId: moved.campaignId },
    });
  });
});
