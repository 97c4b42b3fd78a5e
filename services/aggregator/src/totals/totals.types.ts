import { Currency, DonationEventV1, Platform } from '@donations/contracts';

/**
 * Counted amounts in minor units and counts. bigint inside the aggregator, so that no sum ever
 * loses precision; the topic messages are checked back into safe integers (AGGREGATE.OVERFLOW).
 */
export interface Counters {
  readonly raisedMinor: bigint;
  readonly refundedMinor: bigint;
  readonly donationCount: bigint;
  readonly refundCount: bigint;
}

/** Totals in one currency with their per-platform breakdown (which adds up to them). */
export interface CurrencyCounters extends Counters {
  /** raisedMinor - refundedMinor; negative while a refund is counted before its donation. */
  readonly netMinor: bigint;
  readonly byPlatform: ReadonlyMap<Platform, Counters>;
}

/**
 * What one batch changes in one totals row (one key and one currency). firstEventAt/lastEventAt
 * are the earliest and latest occurredAt counted in the batch; undefined only when the row was
 * touched by reversals alone (see foldBatch).
 */
export interface TotalsDelta {
  readonly currency: Currency;
  readonly counters: CurrencyCounters;
  readonly firstEventAt: string | undefined;
  readonly lastEventAt: string | undefined;
}

export interface CampaignDelta extends TotalsDelta {
  readonly campaignId: string;
  readonly charityId: string;
}

export interface CharityDelta extends TotalsDelta {
  readonly charityId: string;
  /** The campaigns of this charity seen in the batch in this currency. */
  readonly campaignIds: ReadonlySet<string>;
}

/** `campaignId|currency` (the currency is always the last 3 characters). */
export type CampaignKey = string;
/** `charityId|currency`. */
export type CharityKey = string;

export interface BatchDeltas {
  readonly campaigns: ReadonlyMap<CampaignKey, CampaignDelta>;
  readonly charities: ReadonlyMap<CharityKey, CharityDelta>;
}

export interface FoldedBatch {
  /** Events to insert into the ledger: first occurrence of each eventId not yet in it. */
  readonly newEvents: readonly DonationEventV1[];
  readonly deltas: BatchDeltas;
  /** Events skipped: already in the ledger, or a repeat of an eventId earlier in the batch. */
  readonly duplicates: readonly DonationEventV1[];
}

/** Current totals of one topic key, every currency; version grows by one per applied delta. */
export interface TotalsState {
  readonly version: number;
  readonly totals: ReadonlyMap<Currency, CurrencyCounters>;
  readonly firstEventAt: string;
  readonly lastEventAt: string;
}

export interface CampaignTotalsState extends TotalsState {
  readonly campaignId: string;
}

export interface CharityTotalsState extends TotalsState {
  readonly charityId: string;
}
