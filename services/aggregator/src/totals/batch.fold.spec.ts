import { aDonationEvent, aRefundEvent, makeUscc } from '@donations/contracts';
import { campaignKey, charityKey, foldBatch } from './batch.fold';
import { CurrencyCounters } from './totals.types';

const OTHER_CHARITY = makeUscc('53100000500021677');

function platformSums(counters: CurrencyCounters): Record<string, bigint> {
  const sums = { raisedMinor: 0n, refundedMinor: 0n, donationCount: 0n, refundCount: 0n };
  for (const share of counters.byPlatform.values()) {
    sums.raisedMinor += share.raisedMinor;
    sums.refundedMinor += share.refundedMinor;
    sums.donationCount += share.donationCount;
    sums.refundCount += share.refundCount;
  }
  return sums;
}

describe('foldBatch', () => {
  it('skips an event already in the ledger', () => {
    const known = aDonationEvent();
    const fresh = aDonationEvent({ amountMinor: 250 });
    const folded = foldBatch([known, fresh], new Set([known.eventId]));
    expect(folded.newEvents).toEqual([fresh]);
    expect(folded.duplicates).toEqual([known]);
    const delta = folded.deltas.campaigns.get(campaignKey('campaign-1', 'CNY'));
    expect(delta?.counters.raisedMinor).toBe(250n);
    expect(delta?.counters.donationCount).toBe(1n);
  });

  it('counts an eventId delivered twice in one batch once', () => {
    const donation = aDonationEvent({ amountMinor: 700 });
    const folded = foldBatch([donation, { ...donation }, donation], new Set());
    expect(folded.newEvents).toEqual([donation]);
    expect(folded.duplicates).toHaveLength(2);
    const delta = folded.deltas.campaigns.get(campaignKey('campaign-1', 'CNY'));
    expect(delta?.counters).toMatchObject({ raisedMinor: 700n, donationCount: 1n });
  });

  it('touches nothing when the whole batch is duplicates', () => {
    const donation = aDonationEvent();
    const folded = foldBatch([donation], new Set([donation.eventId]));
    expect(folded.newEvents).toEqual([]);
    expect(folded.deltas.campaigns.size).toBe(0);
    expect(folded.deltas.charities.size).toBe(0);
  });

  it('never adds currencies together', () => {
    const folded = foldBatch(
      [
        aDonationEvent({ amountMinor: 100, currency: 'CNY' }),
        aDonationEvent({ amountMinor: 200, currency: 'USD' }),
        aDonationEvent({ amountMinor: 300, currency: 'CNY' }),
      ],
      new Set(),
    );
    const { campaigns } = folded.deltas;
    expect([...campaigns.keys()].sort()).toEqual(['campaign-1|CNY', 'campaign-1|USD']);
    expect(campaigns.get('campaign-1|CNY')?.counters.raisedMinor).toBe(400n);
    expect(campaigns.get('campaign-1|USD')?.counters.raisedMinor).toBe(200n);
  });

  it('sums refunds into refunded, refund count and a lower net', () => {
    const donation = aDonationEvent({ amountMinor: 1000, platform: 'tencent' });
    const refund = aRefundEvent({
      platform: 'tencent',
      platformTxnId: donation.platformTxnId,
      amountMinor: 300,
    });
    const delta = foldBatch([donation, refund], new Set()).deltas.campaigns.get('campaign-1|CNY');
    expect(delta?.counters).toMatchObject({
      raisedMinor: 1000n,
      refundedMinor: 300n,
      netMinor: 700n,
      donationCount: 1n,
      refundCount: 1n,
    });
  });

  it('gives a by-platform breakdown that sums to the totals', () => {
    const events = [
      aDonationEvent({ platform: 'alipay', amountMinor: 100 }),
      aDonationEvent({ platform: 'tencent', amountMinor: 250 }),
      aDonationEvent({ platform: 'jd', amountMinor: 40 }),
      aRefundEvent({ platform: 'tencent', amountMinor: 50 }),
    ];
    const delta = foldBatch(events, new Set()).deltas.campaigns.get('campaign-1|CNY')!;
    expect(platformSums(delta.counters)).toEqual({
      raisedMinor: delta.counters.raisedMinor,
      refundedMinor: delta.counters.refundedMinor,
      donationCount: delta.counters.donationCount,
      refundCount: delta.counters.refundCount,
    });
    expect(delta.counters.byPlatform.get('tencent')).toEqual({
      raisedMinor: 250n,
      refundedMinor: 50n,
      donationCount: 1n,
      refundCount: 1n,
    });
  });

  it('keeps the earliest and latest occurredAt by instant, whatever the offset', () => {
    const events = [
      aDonationEvent({ occurredAt: '2024-09-09T10:00:00.000+08:00' }),
      aDonationEvent({ occurredAt: '2024-09-09T01:00:00Z' }),
      aDonationEvent({ occurredAt: '2024-09-09T03:30:00Z' }),
      aDonationEvent({ occurredAt: '2024-09-09T11:00:00+08:00' }),
    ];
    const delta = foldBatch(events, new Set()).deltas.campaigns.get('campaign-1|CNY');
    expect(delta?.firstEventAt).toBe('2024-09-09T01:00:00Z');
    expect(delta?.lastEventAt).toBe('2024-09-09T03:30:00Z');
  });

  it('rolls campaigns up per charity and currency with the campaigns seen', () => {
    const events = [
      aDonationEvent({ campaignId: 'a', amountMinor: 10 }),
      aDonationEvent({ campaignId: 'b', amountMinor: 20 }),
      aDonationEvent({ campaignId: 'c', amountMinor: 40, charityId: OTHER_CHARITY }),
    ];
    const { charities } = foldBatch(events, new Set()).deltas;
    const first = charities.get(charityKey(events[0].charityId, 'CNY'));
    expect(first?.counters.raisedMinor).toBe(30n);
    expect([...first!.campaignIds].sort()).toEqual(['a', 'b']);
    expect(charities.get(charityKey(OTHER_CHARITY, 'CNY'))?.counters.raisedMinor).toBe(40n);
  });

  it('takes back reversed refunds without moving event times', () => {
    const donation = aDonationEvent({ amountMinor: 500, occurredAt: '2024-09-09T10:00:00Z' });
    const reversed = aRefundEvent({ amountMinor: 80, occurredAt: '2024-09-01T00:00:00Z' });
    const delta = foldBatch([donation], new Set(), [reversed]).deltas.campaigns.get(
      'campaign-1|CNY',
    );
    expect(delta?.counters).toMatchObject({ refundedMinor: -80n, refundCount: -1n });
    expect(delta?.firstEventAt).toBe('2024-09-09T10:00:00Z');
  });

  it('does not modify its input', () => {
    const events = [aDonationEvent(), aDonationEvent()];
    const copy = structuredClone(events);
    const ledger = new Set<string>();
    foldBatch(events, ledger);
    expect(events).toEqual(copy);
    expect(ledger.size).toBe(0);
  });
});
