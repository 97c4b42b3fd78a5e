import { DonationEventV1, DonationRefundedV1 } from '@donations/contracts';
import { campaignKey, charityKey } from './batch.fold';
import { addCounters, COUNTER_FIELDS, eventCounters, ZERO_COUNTERS } from './counters.fold';
import type { AggregateErrorCode } from './totals.errors';
import type { CampaignKey, CharityKey, Counters } from './totals.types';

/** The dead-letter reason of an event that would take a total out of the safe integer range. */
export const TOTAL_OVERFLOW = 'AGGREGATE.OVERFLOW' satisfies AggregateErrorCode;

/**
 * The highest value a counter may reach: the aggregate topics carry JSON safe integers, far
 * below PostgreSQL's bigint limit, so this bound is the one that matters.
 */
export const MAX_COUNTER = BigInt(Number.MAX_SAFE_INTEGER);

/** The counters of the totals rows a batch touches, as they are before the batch. */
export interface CurrentTotals {
  readonly campaigns: ReadonlyMap<CampaignKey, Counters>;
  readonly charities: ReadonlyMap<CharityKey, Counters>;
}

export interface OverflowSplit {
  /** The events that keep every total they touch in range, in batch order. */
  readonly counted: readonly DonationEventV1[];
  /** The events that would take their campaign's or charity's total out of range. */
  readonly overflowing: readonly DonationEventV1[];
}

/**
 * Walks the batch's counted events in order from the current totals (after the batch's
 * reversals, which only take back) and sets aside each event that would leave a counter of its
 * campaign or charity row beyond MAX_COUNTER; the totals then stay publishable. Pure.
 */
export function splitOverflowing(
  current: CurrentTotals,
  events: readonly DonationEventV1[],
  reversed: readonly DonationRefundedV1[] = [],
): OverflowSplit {
  const campaigns = new Map(current.campaigns);
  const charities = new Map(current.charities);
  for (const refund of reversed) {
    add(campaigns, campaignKey(refund.campaignId, refund.currency), refund, -1n);
    add(charities, charityKey(refund.charityId, refund.currency), refund, -1n);
  }
  const counted: DonationEventV1[] = [];
  const overflowing: DonationEventV1[] = [];
  for (const event of events) {
    const campaign = campaignKey(event.campaignId, event.currency);
    const charity = charityKey(event.charityId, event.currency);
    const fits =
      inRange(added(campaigns, campaign, event, 1n)) &&
      inRange(added(charities, charity, event, 1n));
    if (!fits) {
      overflowing.push(event);
      continue;
    }
    add(campaigns, campaign, event, 1n);
    add(charities, charity, event, 1n);
    counted.push(event);
  }
  return { counted, overflowing };
}

function added(
  totals: ReadonlyMap<string, Counters>,
  key: string,
  event: DonationEventV1,
  sign: 1n | -1n,
): Counters {
  return addCounters(totals.get(key) ?? ZERO_COUNTERS, eventCounters(event, sign));
}

function add(
  totals: Map<string, Counters>,
  key: string,
  event: DonationEventV1,
  sign: 1n | -1n,
): void {
  totals.set(key, added(totals, key, event, sign));
}

/** Every counter within the range the topics can carry (a row already beyond it never fits). */
export function inRange(counters: Counters): boolean {
  return COUNTER_FIELDS.every((field) => counters[field] <= MAX_COUNTER);
}
