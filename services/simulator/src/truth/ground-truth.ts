import type { Platform } from '@donations/contracts';
import type { Fact } from '../journeys/facts';
import { Samples, TruthSamples } from './truth-samples';

export interface Counters {
  raisedMinor: number;
  refundedMinor: number;
  donationCount: number;
  refundCount: number;
}

/** One currency's totals with each platform's share, as the aggregate topics carry them. */
export interface CurrencyTruth extends Counters {
  byPlatform: Partial<Record<Platform, Counters>>;
}

/** Totals per currency (never added across currencies). */
export type TotalsByCurrency = Map<string, CurrencyTruth>;

const zero = (): Counters => ({
  raisedMinor: 0,
  refundedMinor: 0,
  donationCount: 0,
  refundCount: 0,
});

/**
 * The simulator's own ledger: the totals the system must end with, from what the adapters
 * ACCEPTED. Each distinct platform donation and refund counts once however often it was
 * accepted; a cumulative refund (Alipay, Stripe charge.refunded) counts when it rises, by the amount
 * it rose, as the adapters count it.
 */
export class GroundTruth {
  /** Each accepted donation's amount, by `platform|txn`. */
  private readonly donations = new Map<string, number>();
  private readonly refunds = new Set<string>();
  private readonly refundedSoFar = new Map<string, number>();
  private readonly byCampaign = new Map<string, TotalsByCurrency>();
  private readonly byCharity = new Map<string, TotalsByCurrency>();
  private readonly grand: TotalsByCurrency = new Map();
  private readonly sampling = new TruthSamples();

  accept(facts: readonly Fact[]): void {
    for (const fact of facts) this.apply(fact);
  }

  campaigns(): ReadonlyMap<string, TotalsByCurrency> {
    return this.byCampaign;
  }

  charities(): ReadonlyMap<string, TotalsByCurrency> {
    return this.byCharity;
  }

  /** The run's totals over every campaign, per currency. */
  grandTotals(): TotalsByCurrency {
    return this.grand;
  }

  /** Distinct donations counted. */
  get donationCount(): number {
    return this.donations.size;
  }

  /** A delivery of this transaction was never answered: it is no sample (see TruthSamples). */
  doubt(platform: Platform, txnId: string): void {
    this.sampling.doubt(`${platform}|${txnId}`);
  }

  /** Up to `limit` counted and `limit` refunded donations, for a test to look up. */
  samples(limit: number): Samples {
    return this.sampling.pick(limit, (key) => this.donations.get(key));
  }

  private apply(fact: Fact): void {
    const txn = `${fact.platform}|${fact.txnId}`;
    switch (fact.kind) {
      case 'donation':
        if (this.donations.has(txn)) return;
        this.donations.set(txn, fact.amountMinor);
        this.sampling.donation(txn, fact);
        return this.add(fact, { ...zero(), raisedMinor: fact.amountMinor, donationCount: 1 });
      case 'refund': {
        const key = `${txn}|${fact.refundId}`;
        if (this.refunds.has(key)) return;
        this.refunds.add(key);
        this.sampling.refund(txn, fact, fact.amountMinor);
        return this.add(fact, { ...zero(), refundedMinor: fact.amountMinor, refundCount: 1 });
      }
      case 'cumulative-refund': {
        const before = this.refundedSoFar.get(txn) ?? 0;
        if (fact.cumulativeMinor <= before) return;
        this.refundedSoFar.set(txn, fact.cumulativeMinor);
        const refundedMinor = fact.cumulativeMinor - before;
        this.sampling.refund(txn, fact, refundedMinor);
        return this.add(fact, { ...zero(), refundedMinor, refundCount: 1 });
      }
    }
  }

  private add(fact: Fact, delta: Counters): void {
    for (const [index, key] of [
      [this.byCampaign, fact.campaignId],
      [this.byCharity, fact.charityId],
    ] as const) {
      let totals = index.get(key);
      if (!totals) index.set(key, (totals = new Map<string, CurrencyTruth>()));
      addTo(totals, fact, delta);
    }
    addTo(this.grand, fact, delta);
  }
}

function addTo(totals: TotalsByCurrency, fact: Fact, delta: Counters): void {
  let currency = totals.get(fact.currency);
  if (!currency) totals.set(fact.currency, (currency = { ...zero(), byPlatform: {} }));
  const platform = (currency.byPlatform[fact.platform] ??= zero());
  for (const target of [currency, platform]) {
    target.raisedMinor += delta.raisedMinor;
    target.refundedMinor += delta.refundedMinor;
    target.donationCount += delta.donationCount;
    target.refundCount += delta.refundCount;
  }
}
