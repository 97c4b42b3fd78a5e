import { Currency, DonationEventV1, DonationRefundedV1 } from '@donations/contracts';
import { addCurrencyCounters, earliest, eventCounters, latest } from './counters.fold';
import { CampaignDelta, CampaignKey, CharityDelta, CharityKey, FoldedBatch } from './totals.types';

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
 * Pure: no clock, no I/O; the input arrays are not modified.
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
  return { newEvents, deltas: { campaigns, charities }, duplicates };
}

function addToDeltas(
  campaigns: Map<CampaignKey, CampaignDelta>,
  charities: Map<CharityKey, CharityDelta>,
  event: DonationEventV1,
  sign: 1n | -1n,
): void {
  const cKey = campaignKey(event.campaignId, event.currency);
  const campaign = campaigns.get(cKey);
  campaigns.set(cKey, {
    campaignId: event.campaignId,
    charityId: campaign?.charityId ?? event.charityId,
    ...addEvent(campaign, event, sign),
  });
  const hKey = charityKey(event.charityId, event.currency);
  const charity = charities.get(hKey);
  charities.set(hKey, {
    charityId: event.charityId,
    campaignIds: withCampaign(charity?.campaignIds, event.campaignId),
    ...addEvent(charity, event, sign),
  });
}

function withCampaign(ids: ReadonlySet<string> | undefined, campaignId: string): Set<string> {
  const next = new Set(ids);
  return next.add(campaignId);
}

function addEvent(
  delta: CampaignDelta | CharityDelta | undefined,
  event: DonationEventV1,
  sign: 1n | -1n,
): Pick<CampaignDelta, 'currency' | 'counters' | 'firstEventAt' | 'lastEventAt'> {
  const added = eventCounters(event, sign);
  const counted = sign === 1n ? event.occurredAt : undefined;
  return {
    currency: event.currency,
    counters: delta === undefined ? added : addCurrencyCounters(delta.counters, added),
    firstEventAt: earliest(delta?.firstEventAt, counted),
    lastEventAt: latest(delta?.lastEventAt, counted),
  };
}
