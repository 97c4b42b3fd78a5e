import {
  aDonationEvent,
  aRefundEvent,
  Currency,
  DonationCompletedV1,
  DonationEventV1,
  makeUscc,
  Platform,
} from '@donations/contracts';
import { CORRELATION_ID_HEADER } from '@donations/kafka';
import { seededRandom } from '@donations/testing';
import { DonorPool } from './donor-pool';
import { pick, Recent } from './random-draws';

/** What a dataset looks like; the same shape and seed give the same messages, byte for byte. */
export interface DatasetShape {
  /** Messages in all: donations, refunds and duplicates. */
  events: number;
  /** `per-donation`: every donation opens a campaign of its own (the memory dataset). */
  campaigns: number | 'per-donation';
  charities: number;
  seed: number;
  /** Distinct donors per platform (default 10,000). */
  donorsPerPlatform?: number;
  /** Donors with the age band and region their platform sends (default: a hash only). */
  donorDetails?: boolean;
  /** Event time between consecutive messages (default 1 ms: 1,000,000 messages span 17 min). */
  spacingMs?: number;
  /** Share of donations that occurred up to LATE_MS before their neighbours (default 0). */
  lateShare?: number;
}

/** One message ready for the producer: key campaignId, value the event's JSON. */
export interface DonationMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

export interface CurrencyTruth {
  raisedMinor: bigint;
  refundedMinor: bigint;
  donationCount: bigint;
  refundCount: bigint;
}

/** What the stream holds, counted while generating: the totals the aggregator must reach. */
export interface DatasetTruth {
  donations: number;
  refunds: number;
  duplicates: number;
  campaigns: number;
  /** Distinct donors among the donations (every refund is by a donor who gave). */
  donors: number;
  byCurrency: Map<Currency, CurrencyTruth>;
}

const DUPLICATE_SHARE = 0.01;
const REFUND_SHARE = 0.04;
const RECENT = 8_192;
const DONORS_PER_PLATFORM = 10_000;
/** How late a late event is, at most: it lands in an earlier minute than its neighbours. */
const LATE_MS = 15 * 60_000;
const BASE_TIME_MS = Date.parse('2026-09-09T10:00:00.000+08:00');
const PLATFORM_WEIGHTS: readonly [Platform, number][] = [
  ['alipay', 0.38],
  ['tencent', 0.34],
  ['shuidi', 0.12],
  ['jd', 0.1],
  ['stripe', 0.06],
];
const STRIPE_CURRENCIES: readonly [Currency, number][] = [
  ['USD', 0.6],
  ['EUR', 0.25],
  ['HKD', 0.15],
];
/** Mostly small gifts, in fen (or cents): 1, 5, 10, 20, 50, 100, 200, 1,000 yuan. */
const AMOUNTS: readonly [number, number][] = [
  [100, 0.2],
  [500, 0.15],
  [1_000, 0.25],
  [2_000, 0.12],
  [5_000, 0.12],
  [10_000, 0.1],
  [20_000, 0.04],
  [100_000, 0.02],
];

interface RecentDonation {
  event: DonationCompletedV1;
  /** What is left to refund: refunds of a donation never add up to more than it. */
  remainingMinor: number;
}

/**
 * A deterministic, realistic stream of donations.normalized.v1 messages: several platforms,
 * mostly CNY, small amounts, campaigns drawn with a skew (a few hot ones), refunds of recent
 * donations that never exceed them, and a few verbatim duplicates (a platform's retry).
 */
export class DonationStream {
  readonly truth: DatasetTruth = {
    donations: 0,
    refunds: 0,
    duplicates: 0,
    campaigns: 0,
    donors: 0,
    byCurrency: new Map(),
  };
  private readonly random: () => number;
  /** Lateness draws have their own PRNG: the other draws stay as without them. */
  private readonly lateRandom: () => number;
  private readonly charityIds: string[];
  private readonly donors: DonorPool;
  private readonly recentMessages = new Recent<DonationMessage>(RECENT);
  private readonly recentDonations = new Recent<RecentDonation>(RECENT);
  private readonly seenCampaigns: Uint8Array;
  private produced = 0;

  constructor(private readonly shape: DatasetShape) {
    this.random = seededRandom(shape.seed);
    this.lateRandom = seededRandom(shape.seed ^ 0x1a7e);
    this.charityIds = Array.from({ length: shape.charities }, (_, i) =>
      makeUscc(`53100000500${String(i).padStart(6, '0')}`),
    );
    this.donors = new DonorPool(
      shape.donorsPerPlatform ?? DONORS_PER_PLATFORM,
      shape.donorDetails ?? false,
      shape.seed,
    );
    const campaigns = shape.campaigns === 'per-donation' ? shape.events : shape.campaigns;
    this.seenCampaigns = new Uint8Array(campaigns);
  }

  /** The next `count` messages (fewer at the end of the dataset). */
  next(count: number): DonationMessage[] {
    const chunk: DonationMessage[] = [];
    while (chunk.length < count && this.produced < this.shape.events) {
      chunk.push(this.nextMessage());
      this.produced += 1;
    }
    return chunk;
  }

  private nextMessage(): DonationMessage {
    const roll = this.random();
    const duplicate = roll < DUPLICATE_SHARE ? this.recentMessages.any(this.random()) : undefined;
    if (duplicate !== undefined) {
      this.truth.duplicates += 1;
      return duplicate;
    }
    const refunded =
      roll < DUPLICATE_SHARE + REFUND_SHARE ? this.recentDonations.any(this.random()) : undefined;
    // A donation refunded in full already is not refunded again: a donation comes instead.
    const event =
      refunded !== undefined && refunded.remainingMinor > 0
        ? this.refundOf(refunded)
        : this.donation();
    this.count(event);
    const message = toMessage(event);
    this.recentMessages.add(message);
    return message;
  }

  private donation(): DonationCompletedV1 {
    const index = this.produced;
    const platform = pick(PLATFORM_WEIGHTS, this.random());
    const currency = platform === 'stripe' ? pick(STRIPE_CURRENCIES, this.random()) : 'CNY';
    const campaign = this.campaignIndex();
    const base = pick(AMOUNTS, this.random());
    const event = aDonationEvent({
      platform,
      platformTxnId: `${platform}-txn-${index.toString(36)}`,
      campaignId: `bench-campaign-${campaign}`,
      charityId: this.charityIds[campaign % this.charityIds.length],
      amountMinor: this.random() < 0.2 ? base + Math.floor(this.random() * 100) : base,
      currency,
      ...this.times(index, this.shape.lateShare ?? 0),
      correlationId: `bench-${index.toString(36)}`,
      donor: this.donors.draw(platform, this.random()),
    });
    this.truth.donors = this.donors.distinct;
    this.recentDonations.add({ event, remainingMinor: event.amountMinor });
    if (this.seenCampaigns[campaign] === 0) this.truth.campaigns += 1;
    this.seenCampaigns[campaign] = 1;
    return event;
  }

  private refundOf(donation: RecentDonation): DonationEventV1 {
    const index = this.produced;
    const full = this.random() < 0.4;
    const part = Math.max(1, Math.floor(donation.remainingMinor * this.random()));
    const amountMinor = full ? donation.remainingMinor : part;
    donation.remainingMinor -= amountMinor;
    const { platform, platformTxnId, campaignId, charityId, currency, donor } = donation.event;
    return aRefundEvent({
      platform,
      platformTxnId,
      campaignId,
      charityId,
      currency,
      donor,
      amountMinor,
      refundId: `refund-${index.toString(36)}`,
      ...this.times(index, 0),
      correlationId: `bench-${index.toString(36)}`,
    });
  }

  /** Skewed: the first 1% of the campaigns get about 10% of the donations. */
  private campaignIndex(): number {
    if (this.shape.campaigns === 'per-donation') return this.truth.donations;
    return Math.floor(this.shape.campaigns * this.random() ** 2);
  }

  /** Event time by position in the stream; a late donation occurred up to LATE_MS earlier. */
  private times(index: number, lateShare: number): { occurredAt: string; receivedAt: string } {
    const received = BASE_TIME_MS + index * (this.shape.spacingMs ?? 1);
    const late = lateShare > 0 && this.lateRandom() < lateShare;
    const occurred = late ? received - Math.floor(this.lateRandom() * LATE_MS) : received;
    return {
      occurredAt: new Date(occurred).toISOString(),
      receivedAt: new Date(received + 800).toISOString(),
    };
  }

  private count(event: DonationEventV1): void {
    const totals = this.truth.byCurrency.get(event.currency) ?? {
      raisedMinor: 0n,
      refundedMinor: 0n,
      donationCount: 0n,
      refundCount: 0n,
    };
    const amount = BigInt(event.amountMinor);
    if (event.type === 'donation.completed') {
      this.truth.donations += 1;
      totals.raisedMinor += amount;
      totals.donationCount += 1n;
    } else {
      this.truth.refunds += 1;
      totals.refundedMinor += amount;
      totals.refundCount += 1n;
    }
    this.truth.byCurrency.set(event.currency, totals);
  }
}

function toMessage(event: DonationEventV1): DonationMessage {
  return {
    key: event.campaignId,
    value: JSON.stringify(event),
    headers: { [CORRELATION_ID_HEADER]: event.correlationId },
  };
}
