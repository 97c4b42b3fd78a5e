import { Currency, DonationEventV1, DonationRefundedV1, Platform } from '@donations/contracts';
import {
  CampaignDelta,
  CampaignKey,
  CharityDelta,
  CharityKey,
  FoldedBatch,
  TotalsDelta,
} from './totals.types';

export function campaignKey(campaignId: string, currency: Currency): CampaignKey {
  return `${campaignId}|${currency}`;
}

export function charityKey(charityId: string, currency: Currency): CharityKey {
  return `${charityId}|${currency}`;
}

/**
 * Folds one consumed batch into one delta per touched totals row (campaign|currency and
 * charity|currency), for one set-based upsert per row.
 *
 * - An event whose eventId is in `alreadyInLedger`, or already seen earlier in this batch, is a
 *   duplicate: it is not counted and not returned in `newEvents`.
 * - `reversedRefunds` are refunds that were counted earlier (pending, before their donation) and
 *   must now be taken back because the donation showed them to exceed it (recheckOnDonation).
 *   They subtract their amount and count; they do not move first/last event times.
 *
 * Pure: no clock, no I/O; the input arrays are not modified. Each key's delta is accumulated in
 * place (one counter set per key and platform), not rebuilt per event.
 */
export function foldBatch(
  events: readonly DonationEventV1[],
  alreadyInLedger: ReadonlySet<string>,
  reversedRefunds: readonly DonationRefundedV1[] = [],
): FoldedBatch {
  const seen = new Set<string>();
  const newEvents: DonationEventV1[] = [];
  const duplicates: DonationEventV1[] = [];
  const campaigns = new Map<CampaignKey, CampaignDelta>();
  const charities = new Map<CharityKey, CharityDelta>();
  for (const event of events) {
    if (alreadyInLedger.has(event.eventId) || seen.has(event.eventId)) {
      duplicates.push(event);
      continue;
    }
    seen.add(event.eventId);
    newEvents.push(event);
    addToDeltas(campaigns, charities, event, 1n);
  }
  for (const refund of reversedRefunds) {
    addToDeltas(campaigns, charities, refund, -1n);
  }
  return {
    newEvents,
    deltas: { campaigns: finished(campaigns), charities: finished(charities) },
    duplicates,
  };
}

/** The deltas without the accumulators' parsed instants: one object per key. */
function finished<K, D extends TotalsDelta>(deltas: Map<K, D>): Map<K, D> {
  for (const [key, delta] of deltas) {
    const { firstMs: _first, lastMs: _last, ...done } = delta as D & Partial<Accumulator>;
    deltas.set(key, done as D);
  }
  return deltas;
}

/** A counter set the fold adds to in place (one per key and platform, not one per event). */
interface MutableCounters {
  raisedMinor: bigint;
  refundedMinor: bigint;
  donationCount: bigint;
  refundCount: bigint;
}

interface MutableCurrencyCounters extends MutableCounters {
  netMinor: bigint;
  byPlatform: Map<Platform, MutableCounters>;
}

/** A delta under construction: times kept with their parsed instant (one Date.parse per event). */
interface Accumulator {
  readonly currency: Currency;
  readonly counters: MutableCurrencyCounters;
  firstEventAt: string | undefined;
  firstMs: number;
  lastEventAt: string | undefined;
  lastMs: number;
}

function addToDeltas(
  campaigns: Map<CampaignKey, CampaignDelta>,
  charities: Map<CharityKey, CharityDelta>,
  event: DonationEventV1,
  sign: 1n | -1n,
): void {
  const at = sign === 1n ? Date.parse(event.occurredAt) : Number.NaN;
  const cKey = campaignKey(event.campaignId, event.currency);
  let campaign = campaigns.get(cKey);
  if (campaign === undefined) {
    campaign = { campaignId: event.campaignId, charityId: event.charityId, ...accumulator(event) };
    campaigns.set(cKey, campaign);
  }
  addEvent(campaign as unknown as Accumulator, event, sign, at);
  const hKey = charityKey(event.charityId, event.currency);
  let charity = charities.get(hKey);
  if (charity === undefined) {
    charity = { charityId: event.charityId, campaignIds: new Set(), ...accumulator(event) };
    charities.set(hKey, charity);
  }
  (charity.campaignIds as Set<string>).add(event.campaignId);
  addEvent(charity as unknown as Accumulator, event, sign, at);
}

function accumulator(event: DonationEventV1): Accumulator {
  return {
    currency: event.currency,
    counters: { ...zero(), netMinor: 0n, byPlatform: new Map() },
    firstEventAt: undefined,
    firstMs: Number.NaN,
    lastEventAt: undefined,
    lastMs: Number.NaN,
  };
}

const zero = (): MutableCounters => ({
  raisedMinor: 0n,
  refundedMinor: 0n,
  donationCount: 0n,
  refundCount: 0n,
});

/** Adds the event to the delta and to its platform's share, in place. */
function addEvent(delta: Accumulator, event: DonationEventV1, sign: 1n | -1n, at: number): void {
  const amount = sign === 1n ? BigInt(event.amountMinor) : -BigInt(event.amountMinor);
  const { counters } = delta;
  let platform = counters.byPlatform.get(event.platform);
  if (platform === undefined) {
    platform = zero();
    counters.byPlatform.set(event.platform, platform);
  }
  if (event.type === 'donation.completed') {
    counters.raisedMinor += amount;
    counters.donationCount += sign;
    counters.netMinor += amount;
    platform.raisedMinor += amount;
    platform.donationCount += sign;
  } else {
    counters.refundedMinor += amount;
    counters.refundCount += sign;
    counters.netMinor -= amount;
    platform.refundedMinor += amount;
    platform.refundCount += sign;
  }
  if (sign === 1n) widenTimes(delta, event.occurredAt, at);
}

/** As earliest/latest in counters.fold.ts: by instant, equal instants by their text. */
function widenTimes(delta: Accumulator, occurredAt: string, at: number): void {
  if (delta.firstEventAt === undefined || at < delta.firstMs) {
    delta.firstEventAt = occurredAt;
    delta.firstMs = at;
  } else if (at === delta.firstMs && occurredAt < delta.firstEventAt) {
    delta.firstEventAt = occurredAt;
  }
  if (delta.lastEventAt === undefined || at > delta.lastMs) {
    delta.lastEventAt = occurredAt;
    delta.lastMs = at;
  } else if (at === delta.lastMs && occurredAt > delta.lastEventAt) {
    delta.lastEventAt = occurredAt;
  }
}
