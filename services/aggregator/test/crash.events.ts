import {
  aDonationEvent,
  aRefundEvent,
  DonationCompletedV1,
  DonationEventV1,
  DonationRefundedV1,
  hashDonorId,
  makeUscc,
  Platform,
  TEST_DONOR_HASH_KEY,
} from '@donations/contracts';

export interface CrashEventsOptions {
  seed: number;
  /** Messages in the log, duplicates included. */
  total: number;
  /** Unique prefix of the campaign ids (the test's own). */
  campaignPrefix: string;
  campaigns?: number;
  charities?: number;
  duplicateShare?: number;
  /** Share of the donations that get one to three partial refunds. */
  refundedShare?: number;
  /** Share of the refunded donations whose first refund is sent before the donation. */
  earlyRefundShare?: number;
}

export interface CrashEvents {
  /** The messages in send order: every distinct event once, plus re-sent duplicates. */
  messages: DonationEventV1[];
  /** Each distinct event once: what the totals must count. */
  distinct: DonationEventV1[];
  duplicates: number;
  refunds: number;
  earlyRefunds: number;
}

const PLATFORMS: readonly Platform[] = ['alipay', 'tencent', 'stripe', 'shuidi', 'jd'];
const BASE_TIME = Date.UTC(2024, 8, 9, 2, 0, 0);

/** mulberry32: a small seeded generator, so a failing run can be repeated from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A valid 统一社会信用代码 of a foundation, one per index. */
export const charityIdOf = (index: number): string =>
  makeUscc(`53100000${String(500_000_000 + index)}`);

interface Placed {
  at: number;
  event: DonationEventV1;
}

/**
 * Deterministic donation traffic for the crash test: donations over many campaigns, charities,
 * platforms and two currencies; partial refunds whose sum never exceeds their donation, some
 * sent before it; and duplicates (the same event re-sent later, same eventId).
 */
export function generateCrashEvents(options: CrashEventsOptions): CrashEvents {
  const random = seededRandom(options.seed);
  const pick = (n: number) => Math.floor(random() * n);
  const duplicateShare = options.duplicateShare ?? 0.05;
  const distinctTotal = Math.round(options.total * (1 - duplicateShare));
  const donors = PLATFORMS.flatMap((platform) =>
    Array.from({ length: 20 }, (_, i) => hashDonorId(TEST_DONOR_HASH_KEY, platform, `u${i}`)),
  );
  const placed: Placed[] = [];
  let earlyRefunds = 0;
  for (let i = 0; placed.length < distinctTotal; i += 1) {
    const donation = donationOf(options, i, pick, donors);
    placed.push({ at: i, event: donation });
    if (random() >= (options.refundedShare ?? 0.08)) continue;
    const early = random() < (options.earlyRefundShare ?? 0.3);
    const amounts = refundAmounts(donation.amountMinor, 1 + pick(3), pick);
    amounts.forEach((amountMinor, r) => {
      const before = early && r === 0;
      placed.push({
        at: before ? i - 1 - pick(500) : i + 1 + pick(5_000),
        event: refundOf(donation, r, amountMinor),
      });
    });
    earlyRefunds += early ? 1 : 0;
  }
  const distinct = placed.slice(0, distinctTotal).map(({ event }) => event);
  const messages = withDuplicates(placed.slice(0, distinctTotal), options.total, pick);
  const refunds = distinct.filter((event) => event.type === 'donation.refunded').length;
  return {
    messages,
    distinct,
    duplicates: messages.length - distinct.length,
    refunds,
    earlyRefunds,
  };
}

function donationOf(
  options: CrashEventsOptions,
  index: number,
  pick: (n: number) => number,
  donors: readonly string[],
): DonationCompletedV1 {
  const campaign = pick(options.campaigns ?? 200);
  const platform = PLATFORMS[campaign % PLATFORMS.length];
  return aDonationEvent({
    platform: index % 7 === 0 ? PLATFORMS[pick(PLATFORMS.length)] : platform,
    platformTxnId: `crash-${options.seed}-${index}`,
    campaignId: `${options.campaignPrefix}-c${campaign}`,
    charityId: charityIdOf(campaign % (options.charities ?? 20)),
    amountMinor: 1 + pick(100_000),
    currency: index % 4 === 0 ? 'USD' : 'CNY',
    occurredAt: new Date(BASE_TIME + index * 1_000).toISOString(),
    receivedAt: new Date(BASE_TIME + index * 1_000 + 500).toISOString(),
    correlationId: `corr-crash-${index}`,
    donor: { hash: donors[pick(donors.length)] },
  });
}

/** `count` positive amounts whose sum is at most `donated` (a partial refund each). */
function refundAmounts(donated: number, count: number, pick: (n: number) => number): number[] {
  const amounts: number[] = [];
  let left = donated;
  for (let r = 0; r < count && left > 0; r += 1) {
    const amount = 1 + pick(Math.max(1, Math.floor(left / 2)));
    amounts.push(amount);
    left -= amount;
  }
  return amounts;
}

function refundOf(donation: DonationCompletedV1, r: number, amountMinor: number) {
  const occurredAt = new Date(Date.parse(donation.occurredAt) + (r + 1) * 60_000).toISOString();
  const refund: DonationRefundedV1 = aRefundEvent({
    platform: donation.platform,
    platformTxnId: donation.platformTxnId,
    refundId: `refund-${r}`,
    campaignId: donation.campaignId,
    charityId: donation.charityId,
    currency: donation.currency,
    amountMinor,
    occurredAt,
    receivedAt: occurredAt,
    correlationId: `${donation.correlationId}-r${r}`,
    donor: donation.donor,
  });
  return refund;
}

/** Send order by position, with re-sends of random events placed after their original. */
function withDuplicates(
  placed: readonly Placed[],
  total: number,
  pick: (n: number) => number,
): DonationEventV1[] {
  const resent = Array.from({ length: total - placed.length }, () => {
    const original = placed[pick(placed.length)];
    return { at: original.at + 0.5 + pick(2_000), event: original.event };
  });
  return [...placed, ...resent].sort((a, b) => a.at - b.at).map(({ event }) => event);
}
