import { aDonationEvent, aRefundEvent, makeUscc } from '@donations/contracts';
import { campaignKey, charityKey } from './batch.fold';
import { ZERO_COUNTERS } from './counters.fold';
import { CurrentTotals, inRange, MAX_COUNTER, splitOverflowing } from './overflow.fold';
import type { Counters } from './totals.types';

const CHARITY = makeUscc('53100000500021676');
const ids = (events: readonly { eventId: string }[]): string[] => events.map((e) => e.eventId);
const donation = (campaignId: string, amountMinor: number) =>
  aDonationEvent({ campaignId, charityId: CHARITY, currency: 'CNY', amountMinor });
const raised = (raisedMinor: bigint): Counters => ({ ...ZERO_COUNTERS, raisedMinor });

function current(
  campaigns: Record<string, Counters>,
  charities: Record<string, Counters> = {},
): CurrentTotals {
  return {
    campaigns: new Map(Object.entries(campaigns).map(([id, c]) => [campaignKey(id, 'CNY'), c])),
    charities: new Map(Object.entries(charities).map(([id, c]) => [charityKey(id, 'CNY'), c])),
  };
}

describe('splitOverflowing', () => {
  it('counts every event while the totals stay in range', () => {
    const events = [donation('c-1', 500), donation('c-2', 700)];
    const split = splitOverflowing(current({ 'c-1': raised(MAX_COUNTER - 500n) }), events);
    expect(ids(split.counted)).toEqual(ids(events));
    expect(split.overflowing).toEqual([]);
  });

  it('sets aside the donation that would take its campaign beyond the limit, and only it', () => {
    const fits = donation('c-1', 400);
    const overflows = donation('c-1', 200);
    const stillFits = donation('c-1', 100);
    const other = donation('c-2', 10_000);
    const split = splitOverflowing(current({ 'c-1': raised(MAX_COUNTER - 500n) }), [
      fits,
      overflows,
      stillFits,
      other,
    ]);
    expect(ids(split.counted)).toEqual(ids([fits, stillFits, other]));
    expect(ids(split.overflowing)).toEqual(ids([overflows]));
  });

  it('sets aside an event that overflows its charity though its campaign has room', () => {
    const event = donation('c-new', 2);
    const split = splitOverflowing(current({}, { [CHARITY]: raised(MAX_COUNTER - 1n) }), [event]);
    expect(ids(split.overflowing)).toEqual(ids([event]));
  });

  it('sets aside a refund that would take the refunded total beyond the limit', () => {
    const refund = aRefundEvent({ campaignId: 'c-1', charityId: CHARITY, amountMinor: 2 });
    const refunded = { ...ZERO_COUNTERS, refundedMinor: MAX_COUNTER - 1n };
    const split = splitOverflowing(current({ 'c-1': refunded }), [refund]);
    expect(ids(split.overflowing)).toEqual(ids([refund]));
  });

  it('lets the batch take back its reversed refunds before it checks the limit', () => {
    const reversed = aRefundEvent({ campaignId: 'c-1', charityId: CHARITY, amountMinor: 300 });
    const refund = aRefundEvent({ campaignId: 'c-1', charityId: CHARITY, amountMinor: 200 });
    const refunded = { ...ZERO_COUNTERS, refundedMinor: MAX_COUNTER - 100n, refundCount: 5n };
    const split = splitOverflowing(current({ 'c-1': refunded }), [refund], [reversed]);
    expect(ids(split.counted)).toEqual(ids([refund]));
  });

  it('sets aside every event of a row that is already beyond the limit', () => {
    const events = [donation('c-1', 1), donation('c-1', 2)];
    const beyond = { ...ZERO_COUNTERS, donationCount: MAX_COUNTER + 1n };
    const split = splitOverflowing(current({ 'c-1': beyond }), events);
    expect(ids(split.overflowing)).toEqual(ids(events));
  });
});

describe('inRange', () => {
  it('accepts the largest safe integer and refuses one more', () => {
    expect(inRange(raised(MAX_COUNTER))).toBe(true);
    expect(inRange(raised(MAX_COUNTER + 1n))).toBe(false);
    expect(MAX_COUNTER).toBe(BigInt(Number.MAX_SAFE_INTEGER));
  });
});
