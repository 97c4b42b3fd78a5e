import { aDonationEvent, aRefundEvent } from '@donations/contracts';
import { foldBatch } from './batch.fold';
import { applyCharityDelta, applyDelta } from './state.fold';
import { AggregateError } from './totals.errors';
import { CampaignDelta, CampaignTotalsState } from './totals.types';

function campaignDelta(...events: Parameters<typeof foldBatch>[0]): CampaignDelta {
  const [delta] = foldBatch(events, new Set()).deltas.campaigns.values();
  return delta;
}

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof AggregateError ? error.code : 'NOT_AN_AGGREGATE_ERROR';
  }
  return undefined;
}

describe('applyDelta', () => {
  it('opens a new campaign at version 1', () => {
    const state = applyDelta(undefined, campaignDelta(aDonationEvent({ amountMinor: 300 })));
    expect(state.version).toBe(1);
    expect(state.campaignId).toBe('campaign-1');
    expect(state.totals.get('CNY')).toMatchObject({ raisedMinor: 300n, netMinor: 300n });
  });

  it('grows the version by one per applied delta', () => {
    let state: CampaignTotalsState | undefined;
    for (let i = 1; i <= 5; i += 1) {
      state = applyDelta(state, campaignDelta(aDonationEvent({ amountMinor: i })));
      expect(state.version).toBe(i);
    }
    expect(state?.totals.get('CNY')?.raisedMinor).toBe(15n);
  });

  it('keeps net equal to raised minus refunded, negative while a refund leads', () => {
    const refunded = applyDelta(undefined, campaignDelta(aRefundEvent({ amountMinor: 400 })));
    expect(refunded.totals.get('CNY')).toMatchObject({ refundedMinor: 400n, netMinor: -400n });
    const donated = applyDelta(refunded, campaignDelta(aDonationEvent({ amountMinor: 1000 })));
    expect(donated.totals.get('CNY')).toMatchObject({
      raisedMinor: 1000n,
      refundedMinor: 400n,
      netMinor: 600n,
    });
  });

  it('keeps other currencies apart and untouched', () => {
    const cny = applyDelta(undefined, campaignDelta(aDonationEvent({ amountMinor: 100 })));
    const both = applyDelta(
      cny,
      campaignDelta(aDonationEvent({ amountMinor: 7, currency: 'USD' })),
    );
    expect(both.totals.get('CNY')).toBe(cny.totals.get('CNY'));
    expect(both.totals.get('USD')?.raisedMinor).toBe(7n);
    expect(cny.totals.has('USD')).toBe(false);
  });

  it('widens first and last event time', () => {
    const late = applyDelta(
      undefined,
      campaignDelta(aDonationEvent({ occurredAt: '2024-09-09T12:00:00+08:00' })),
    );
    const early = applyDelta(
      late,
      campaignDelta(aDonationEvent({ occurredAt: '2024-09-09T09:00:00+08:00' })),
    );
    expect(early.firstEventAt).toBe('2024-09-09T09:00:00+08:00');
    expect(early.lastEventAt).toBe('2024-09-09T12:00:00+08:00');
  });

  it('rejects totals beyond the safe integer range with AGGREGATE.OVERFLOW', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const full = applyDelta(undefined, campaignDelta(aDonationEvent({ amountMinor: max })));
    expect(full.totals.get('CNY')?.raisedMinor).toBe(BigInt(max));
    expect(
      errorCode(() => applyDelta(full, campaignDelta(aDonationEvent({ amountMinor: 1 })))),
    ).toBe('AGGREGATE.OVERFLOW');
  });

  it('rejects a batch that overflows on its own', () => {
    const max = Number.MAX_SAFE_INTEGER;
    const delta = campaignDelta(
      aDonationEvent({ amountMinor: max }),
      aDonationEvent({ amountMinor: max }),
    );
    expect(delta.counters.raisedMinor).toBe(2n * BigInt(max));
    expect(() => applyDelta(undefined, delta)).toThrow(AggregateError);
  });

  it('refuses a delta of another campaign', () => {
    const state = applyDelta(undefined, campaignDelta(aDonationEvent({ campaignId: 'a' })));
    expect(() => applyDelta(state, campaignDelta(aDonationEvent({ campaignId: 'b' })))).toThrow(
      /campaign b applied to a/,
    );
  });
});

describe('applyCharityDelta', () => {
  it('versions a charity roll-up like a campaign', () => {
    const [delta] = foldBatch(
      [aDonationEvent(), aDonationEvent()],
      new Set(),
    ).deltas.charities.values();
    const first = applyCharityDelta(undefined, delta);
    const second = applyCharityDelta(first, delta);
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second.totals.get('CNY')?.donationCount).toBe(4n);
  });
});
