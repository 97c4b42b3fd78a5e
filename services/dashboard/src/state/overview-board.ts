import {
  AGE_BAND_KEYS,
  Currency,
  CurrencyStats,
  GLOBAL_SCOPE,
  Platform,
  StatsOverviewV1,
} from '@donations/contracts';
import { compareCurrencies, CurrencyLabel, currencyLabel } from './figures';
import type { ApplyOutcome } from './totals-board';

export type AgeBandKey = (typeof AGE_BAND_KEYS)[number];

export interface AmountTrend extends CurrencyLabel {
  donationCount: number;
  /** Shares of donations of at most 1 / 10 / 100 units (¥1 / ¥10 / ¥100 for CNY). */
  shareAtOrUnder100: number;
  shareAtOrUnder1000: number;
  shareAtOrUnder10000: number;
  medianMinorEstimate: number | null;
}

/** What the page shows of the global stats overview. */
export interface OverviewView {
  version: number;
  updatedAt: string;
  uniqueDonors: number;
  /** By donation count, largest first. */
  platforms: { platform: Platform; donationCount: number; share: number }[];
  /** Every band in order, with zero where none. */
  ageBands: { band: AgeBandKey; count: number }[];
  /** CNY first. */
  amounts: AmountTrend[];
}

/** Scopes whose overview is kept: the global one and the (few) platforms; the rest is ignored. */
const KEPT_SCOPE = /^(global|platform:.+)$/;

/** The latest version of each kept stats.overview.v1 scope. */
export class OverviewBoard {
  private readonly scopes = new Map<string, StatsOverviewV1>();

  apply(overview: StatsOverviewV1): ApplyOutcome {
    if (!KEPT_SCOPE.test(overview.scope)) return 'ignored';
    const held = this.scopes.get(overview.scope);
    if (held && held.version >= overview.version) return 'stale';
    this.scopes.set(overview.scope, overview);
    return 'applied';
  }

  remove(scope: string): ApplyOutcome {
    return this.scopes.delete(scope) ? 'applied' : 'ignored';
  }

  view(): OverviewView | null {
    const global = this.scopes.get(GLOBAL_SCOPE);
    return global ? overviewView(global) : null;
  }
}

export function overviewView(overview: StatsOverviewV1): OverviewView {
  const platforms = (Object.keys(overview.platforms) as Platform[])
    .map((platform) => ({ platform, ...overview.platforms[platform]! }))
    .sort((a, b) => b.donationCount - a.donationCount || a.platform.localeCompare(b.platform));
  const amounts = (Object.keys(overview.totals) as Currency[])
    .sort(compareCurrencies)
    .map((currency) => amountTrend(currency, overview.totals[currency]!));
  return {
    version: overview.version,
    updatedAt: overview.updatedAt,
    uniqueDonors: overview.uniqueDonors,
    platforms,
    ageBands: AGE_BAND_KEYS.map((band) => ({ band, count: overview.ageBands[band] ?? 0 })),
    amounts,
  };
}

function amountTrend(currency: Currency, stats: CurrencyStats): AmountTrend {
  const { distribution } = stats;
  return {
    ...currencyLabel(currency),
    donationCount: stats.donationCount,
    shareAtOrUnder100: distribution.shareAtOrUnder100,
    shareAtOrUnder1000: distribution.shareAtOrUnder1000,
    shareAtOrUnder10000: distribution.shareAtOrUnder10000,
    medianMinorEstimate: distribution.medianMinorEstimate,
  };
}
