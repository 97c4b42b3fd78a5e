import type { Platform } from '@donations/contracts';
import type { Fact } from '../journeys/facts';

/**
 * One transaction the run knows the system must show, for a browser test to look up on the
 * public check page: nothing about its donor.
 */
export interface TruthSample {
  platform: Platform;
  /** Exactly the platformTxnId the adapter emits (the simulator sends it as the platform's id). */
  txn: string;
  campaignId: string;
  charityId: string;
  amountMinor: number;
  currency: string;
  /** The refunds accepted for it, in total (0 for a counted one). */
  refundedMinor: number;
}

export interface Samples {
  /** Accepted donations with no refund accepted. */
  counted: TruthSample[];
  /** Accepted donations with at least one refund accepted. */
  refunded: TruthSample[];
}

type Base = Omit<TruthSample, 'amountMinor' | 'refundedMinor'>;

/**
 * The first donations of each platform are kept as candidates for `counted`: more than asked
 * for, as a few of them are refunded later or end in doubt.
 */
const CANDIDATES_PER_PLATFORM = 20;

/**
 * Picks the ground truth's samples as the facts come in, in bounded memory: a few donations per
 * platform, and every refunded transaction (a small share of a run). A transaction with a
 * delivery in doubt (sent, never answered: the system may have counted it or not) is never a
 * sample. GroundTruth feeds it each fact once it counts.
 */
export class TruthSamples {
  private readonly candidates = new Map<string, Base>();
  private readonly perPlatform = new Map<Platform, number>();
  private readonly refunds = new Map<string, Base & { refundedMinor: number }>();
  private readonly doubtful = new Set<string>();

  donation(key: string, fact: Fact): void {
    const taken = this.perPlatform.get(fact.platform) ?? 0;
    if (taken >= CANDIDATES_PER_PLATFORM) return;
    this.perPlatform.set(fact.platform, taken + 1);
    this.candidates.set(key, baseOf(fact));
  }

  refund(key: string, fact: Fact, refundedMinor: number): void {
    const entry = this.refunds.get(key) ?? { ...baseOf(fact), refundedMinor: 0 };
    entry.refundedMinor += refundedMinor;
    this.refunds.set(key, entry);
  }

  doubt(key: string): void {
    this.doubtful.add(key);
  }

  /** Up to `limit` of each, spread over the platforms; `amountOf` gives accepted donations. */
  pick(limit: number, amountOf: (key: string) => number | undefined): Samples {
    const counted: TruthSample[] = [];
    for (const [key, base] of this.candidates) {
      const amountMinor = amountOf(key);
      if (this.doubtful.has(key) || this.refunds.has(key) || amountMinor === undefined) continue;
      counted.push({ ...base, amountMinor, refundedMinor: 0 });
    }
    const refunded: TruthSample[] = [];
    for (const [key, { refundedMinor, ...base }] of this.refunds) {
      const amountMinor = amountOf(key);
      if (this.doubtful.has(key) || amountMinor === undefined) continue;
      refunded.push({ ...base, amountMinor, refundedMinor });
    }
    return { counted: spread(counted, limit), refunded: spread(refunded, limit) };
  }
}

function baseOf(fact: Fact): Base {
  const { platform, txnId, campaignId, charityId, currency } = fact;
  return { platform, txn: txnId, campaignId, charityId, currency };
}

/** Up to `limit` samples taking each platform in turn, in the order they came. */
export function spread(samples: readonly TruthSample[], limit: number): TruthSample[] {
  const byPlatform = new Map<Platform, TruthSample[]>();
  for (const sample of samples) {
    const queue = byPlatform.get(sample.platform);
    if (queue) queue.push(sample);
    else byPlatform.set(sample.platform, [sample]);
  }
  const queues = [...byPlatform.values()];
  const picked: TruthSample[] = [];
  for (let round = 0; picked.length < limit && queues.some((q) => q.length > round); round += 1) {
    for (const queue of queues) {
      if (picked.length < limit && queue.length > round) picked.push(queue[round]);
    }
  }
  return picked;
}
