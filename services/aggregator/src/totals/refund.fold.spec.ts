import { aRefundEvent } from '@donations/contracts';
import { decideRefund, recheckOnDonation, transactionKey } from './refund.fold';

describe('decideRefund', () => {
  it('accepts a refund whose donation is not known yet, as pending', () => {
    expect(decideRefund(undefined, 5000n, 100n)).toEqual({ verdict: 'accept', pending: true });
  });

  it('accepts a refund within what is left of its donation', () => {
    expect(decideRefund(1000n, 300n, 700n)).toEqual({ verdict: 'accept', pending: false });
  });

  it('rejects a refund larger than what is left of its donation', () => {
    expect(decideRefund(1000n, 300n, 701n)).toEqual({
      verdict: 'reject',
      reason: 'AGGREGATE.REFUND_EXCEEDS_DONATION',
    });
  });
});

describe('recheckOnDonation', () => {
  const early = aRefundEvent({ amountMinor: 600, occurredAt: '2024-09-09T10:00:00+08:00' });
  const middle = aRefundEvent({ amountMinor: 500, occurredAt: '2024-09-09T03:00:00Z' });
  const late = aRefundEvent({ amountMinor: 300, occurredAt: '2024-09-09T12:00:00+08:00' });

  it('keeps pending refunds that fit the donation', () => {
    expect(recheckOnDonation(2000n, [late, early])).toEqual({
      kept: [early, late],
      deadLetter: [],
    });
  });

  it('dead-letters the refunds that exceed it, in occurrence order', () => {
    expect(recheckOnDonation(1000n, [late, middle, early])).toEqual({
      kept: [early, late],
      deadLetter: [middle],
    });
  });

  it('decides the same whatever order the refunds arrived in', () => {
    const orders = [
      [early, middle, late],
      [late, middle, early],
      [middle, late, early],
    ];
    const outcomes = orders.map((pending) => recheckOnDonation(900n, pending));
    for (const outcome of outcomes) {
      expect(outcome).toEqual(outcomes[0]);
    }
  });

  it('keys refunds and donations by platform transaction', () => {
    expect(transactionKey({ platform: 'jd', platformTxnId: 't-1' })).toBe('jd|t-1');
  });
});
