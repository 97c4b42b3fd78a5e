import { DonationEventV1, Platform } from '@donations/contracts';
import { Counters, CurrencyCounters } from './totals.types';

export const ZERO_COUNTERS: Counters = {
  raisedMinor: 0n,
  refundedMinor: 0n,
  donationCount: 0n,
  refundCount: 0n,
};

export const EMPTY_CURRENCY_COUNTERS: CurrencyCounters = {
  ...ZERO_COUNTERS,
  netMinor: 0n,
  byPlatform: new Map(),
};

export const COUNTER_FIELDS = [
  'raisedMinor',
  'refundedMinor',
  'donationCount',
  'refundCount',
] as const;

export function addCounters(a: Counters, b: Counters): Counters {
  return {
    raisedMinor: a.raisedMinor + b.raisedMinor,
    refundedMinor: a.refundedMinor + b.refundedMinor,
    donationCount: a.donationCount + b.donationCount,
    refundCount: a.refundCount + b.refundCount,
  };
}

/** Adds two currency totals, platform by platform. */
export function addCurrencyCounters(a: CurrencyCounters, b: CurrencyCounters): CurrencyCounters {
  const byPlatform = new Map<Platform, Counters>(a.byPlatform);
  for (const [platform, counters] of b.byPlatform) {
    byPlatform.set(platform, addCounters(byPlatform.get(platform) ?? ZERO_COUNTERS, counters));
  }
  return withNet(addCounters(a, b), byPlatform);
}

/**
 * What one event adds to its currency's totals: a donation raises, a refund refunds. `sign` -1
 * takes back a refund that was counted and later dead-lettered (see refund.fold.ts).
 */
export function eventCounters(event: DonationEventV1, sign: 1n | -1n = 1n): CurrencyCounters {
  const amount = BigInt(event.amountMinor) * sign;
  const counters: Counters =
    event.type === 'donation.completed'
      ? { ...ZERO_COUNTERS, raisedMinor: amount, donationCount: sign }
      : { ...ZERO_COUNTERS, refundedMinor: amount, refundCount: sign };
  return withNet(counters, new Map([[event.platform, counters]]));
}

function withNet(
  counters: Counters,
  byPlatform: ReadonlyMap<Platform, Counters>,
): CurrencyCounters {
  return { ...counters, netMinor: counters.raisedMinor - counters.refundedMinor, byPlatform };
}

/**
 * Orders two ISO instants by the time they denote; equal instants written differently
 * (`+08:00` vs `Z`) are ordered by their text so that the pick never depends on arrival order.
 */
export function compareInstants(a: string, b: string): number {
  const diff = Date.parse(a) - Date.parse(b);
  if (diff !== 0) {
    return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) {
    return a ?? b;
  }
  return compareInstants(a, b) <= 0 ? a : b;
}

export function latest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) {
    return a ?? b;
  }
  return compareInstants(a, b) >= 0 ? a : b;
}
