import { addCounters, Counters, CurrencyFigures, Figures, KeyFigures, ZERO } from './figures';

/**
 * One group of the ledger aggregate (verify.repository.ts): the counted events of one campaign,
 * charity, currency and platform. `counted` false-only groups still name a campaign of the
 * charity (a refund counted, then taken back, leaves the campaign in the charity's count).
 */
export interface LedgerGroup {
  readonly campaignId: string;
  readonly charityId: string;
  readonly currency: string;
  readonly platform: string;
  readonly counters: Counters;
}

export interface LedgerFigures {
  readonly campaigns: Figures;
  readonly charities: Figures;
}

interface Building {
  readonly totals: Map<string, { counters: Counters; byPlatform: Map<string, Counters> }>;
  readonly campaigns: Set<string>;
}

/**
 * The totals as the aggregator keeps them, recomputed from the ledger's groups: a campaign's
 * totals over its events whatever charity they name, a charity's over the events naming it,
 * per currency (never added together) with the per-platform breakdown, and the charity's
 * campaign count (the distinct campaigns of its events). Pure.
 */
export function foldLedger(groups: Iterable<LedgerGroup>): LedgerFigures {
  const campaigns = new Map<string, Building>();
  const charities = new Map<string, Building>();
  for (const group of groups) {
    add(entry(campaigns, group.campaignId), group);
    const charity = entry(charities, group.charityId);
    add(charity, group);
    charity.campaigns.add(group.campaignId);
  }
  return {
    campaigns: finish(campaigns, false),
    charities: finish(charities, true),
  };
}

function entry(map: Map<string, Building>, key: string): Building {
  let building = map.get(key);
  if (building === undefined) {
    building = { totals: new Map(), campaigns: new Set() };
    map.set(key, building);
  }
  return building;
}

function add(building: Building, group: LedgerGroup): void {
  let currency = building.totals.get(group.currency);
  if (currency === undefined) {
    currency = { counters: ZERO, byPlatform: new Map() };
    building.totals.set(group.currency, currency);
  }
  currency.counters = addCounters(currency.counters, group.counters);
  const platform = currency.byPlatform.get(group.platform) ?? ZERO;
  currency.byPlatform.set(group.platform, addCounters(platform, group.counters));
}

function finish(map: Map<string, Building>, withCount: boolean): Figures {
  const figures = new Map<string, KeyFigures>();
  for (const [key, building] of map) {
    const totals = new Map<string, CurrencyFigures>();
    for (const [currency, { counters, byPlatform }] of building.totals) {
      totals.set(currency, { ...counters, byPlatform });
    }
    figures.set(key, {
      totals,
      ...(withCount ? { campaignCount: BigInt(building.campaigns.size) } : {}),
    });
  }
  return figures;
}
