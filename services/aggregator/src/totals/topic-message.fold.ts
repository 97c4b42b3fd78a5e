import {
  CampaignTotalsV1,
  CharityRollupV1,
  CURRENCIES,
  PLATFORMS,
  PlatformTotals,
  TotalsByCurrency,
} from '@donations/contracts';
import { AggregateError } from './totals.errors';
import { CampaignTotalsState, CharityTotalsState, Counters, TotalsState } from './totals.types';

/**
 * The aggregates.campaign-totals.v1 value of a campaign's state. `updatedAt` is the clock's
 * reading when the aggregator produced it (passed in: this stays pure). Throws
 * AGGREGATE.OVERFLOW if a number is not a safe integer (applyDelta already refuses those).
 */
export function toCampaignTotalsMessage(
  state: CampaignTotalsState,
  updatedAt: Date,
): CampaignTotalsV1 {
  return { campaignId: state.campaignId, ...messageBody(state, updatedAt) };
}

/** The aggregates.charity-rollups.v1 value of a charity's state and its number of campaigns. */
export function toCharityRollupMessage(
  state: CharityTotalsState,
  campaignCount: number,
  updatedAt: Date,
): CharityRollupV1 {
  return {
    charityId: state.charityId,
    campaignCount: checkedCampaignCount(campaignCount),
    ...messageBody(state, updatedAt),
  };
}

function checkedCampaignCount(campaignCount: number): number {
  if (!Number.isSafeInteger(campaignCount) || campaignCount < 0) {
    throw new RangeError(`campaign count ${campaignCount} is not a non-negative safe integer`);
  }
  return campaignCount;
}

function messageBody(state: TotalsState, updatedAt: Date): Omit<CampaignTotalsV1, 'campaignId'> {
  return {
    version: state.version,
    totals: totalsByCurrency(state),
    firstEventAt: state.firstEventAt,
    lastEventAt: state.lastEventAt,
    updatedAt: updatedAt.toISOString(),
  };
}

/** Currencies and platforms in a fixed order, so that equal states give equal bytes. */
function totalsByCurrency(state: TotalsState): TotalsByCurrency {
  const totals: TotalsByCurrency = {};
  for (const currency of CURRENCIES) {
    const counters = state.totals.get(currency);
    if (counters === undefined) {
      continue;
    }
    const byPlatform: Partial<Record<(typeof PLATFORMS)[number], PlatformTotals>> = {};
    for (const platform of PLATFORMS) {
      const share = counters.byPlatform.get(platform);
      if (share !== undefined) {
        byPlatform[platform] = toPlatformTotals(share, `${currency}.${platform}`);
      }
    }
    const netMinor = toSafeNumber(counters.netMinor, `${currency}.netMinor`);
    totals[currency] = { ...toPlatformTotals(counters, currency), netMinor, byPlatform };
  }
  return totals;
}

function toPlatformTotals(counters: Counters, where: string): PlatformTotals {
  return {
    raisedMinor: toSafeNumber(counters.raisedMinor, `${where}.raisedMinor`),
    refundedMinor: toSafeNumber(counters.refundedMinor, `${where}.refundedMinor`),
    donationCount: toSafeNumber(counters.donationCount, `${where}.donationCount`),
    refundCount: toSafeNumber(counters.refundCount, `${where}.refundCount`),
  };
}

/** bigint to number, refusing anything that is not a safe integer. */
export function toSafeNumber(value: bigint, where: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || BigInt(number) !== value) {
    throw new AggregateError('AGGREGATE.OVERFLOW', `${where} is beyond the safe integer range`);
  }
  return number;
}
