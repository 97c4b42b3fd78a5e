import { parseDonationEvent } from '../donations/donation-event.v1';
import { donationEventId } from '../donations/event-id';
import { aDonationEvent, aRefundEvent, TEST_CHARITY_ID } from './donation-event.builder';

describe('donation event builders', () => {
  it('builds valid donations and refunds', () => {
    expect(parseDonationEvent(aDonationEvent()).ok).toBe(true);
    expect(parseDonationEvent(aRefundEvent()).ok).toBe(true);
  });

  it('gives each built donation its own transaction and id', () => {
    const a = aDonationEvent();
    const b = aDonationEvent();
    expect(a.platformTxnId).not.toBe(b.platformTxnId);
    expect(a.eventId).not.toBe(b.eventId);
  });

  it('recomputes the eventId from overridden fields', () => {
    const event = aDonationEvent({ platform: 'stripe', platformTxnId: 'pi_1' });
    expect(event.eventId).toBe(
      donationEventId({ platform: 'stripe', type: 'donation.completed', platformTxnId: 'pi_1' }),
    );
    expect(parseDonationEvent(event).ok).toBe(true);
  });

  it('refunds a given donation', () => {
    const donation = aDonationEvent();
    const refund = aRefundEvent({ platformTxnId: donation.platformTxnId, refundId: 'R1' });
    expect(refund.type).toBe('donation.refunded');
    expect(refund.eventId).not.toBe(donation.eventId);
    expect(refund.eventId).toBe(
      aRefundEvent({ platformTxnId: donation.platformTxnId, refundId: 'R1' }).eventId,
    );
  });

  it('keeps an overridden eventId, to build invalid events', () => {
    const event = aDonationEvent({ eventId: '00000000-0000-4000-8000-000000000000' });
    expect(event.eventId).toBe('00000000-0000-4000-8000-000000000000');
    expect(parseDonationEvent(event).ok).toBe(false);
  });

  it('uses a valid charity id', () => {
    expect(aDonationEvent().charityId).toBe(TEST_CHARITY_ID);
  });
});
