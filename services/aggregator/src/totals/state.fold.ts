import { Currency } from '@donations/contracts';
import {
  addCurrencyCounters,
  COUNTER_FIELDS,
  EMPTY_CURRENCY_COUNTERS,
  earliest,
  latest,
} from './counters.fold';
import { AggregateError } from './totals.errors';
import {
  CampaignDelta,
  CampaignTotalsState,
  CharityDelta,
  CharityTotalsState,
  Counters,
  CurrencyCounters,
  TotalsDelta,
  TotalsState,
} from './totals.types';

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The campaign's next state after one batch's delta for one of its currencies: counters added,
 * first/last event time widened, version = previous + 1 (1 for a new campaign). Throws
 * AGGREGATE.OVERFLOW when a counter would leave 0..Number.MAX_SAFE_INTEGER (the topic carries
 * safe integers), so that a state that cannot be published is never committed.
 */
export function applyDelta(
  current: CampaignTotalsState | undefined,
  delta: CampaignDelta,
): CampaignTotalsState {
  if (current !== undefined && current.campaignId !== delta.campaignId) {
    throw new Error(`delta of campaign ${delta.campaignId} applied to ${current.campaignId}`);
  }
  const key = `${delta.campaignId}|${delta.currency}`;
  return { campaignId: delta.campaignId, ...applyTotals(current, delta, key) };
}

/** As applyDelta, for a charity's roll-up. */
export function applyCharityDelta(
  current: CharityTotalsState | undefined,
  delta: CharityDelta,
): CharityTotalsState {
  if (current !== undefined && current.charityId !== delta.charityId) {
    throw new Error(`delta of charity ${delta.charityId} applied to ${current.charityId}`);
  }
  const key = `${delta.charityId}|${delta.currency}`;
  return { charityId: delta.charityId, ...applyTotals(current, delta, key) };
}

function applyTotals(
  current: TotalsState | undefined,
  delta: TotalsDelta,
  key: string,
): TotalsState {
  const before = current?.totals.get(delta.currency) ?? EMPTY_CURRENCY_COUNTERS;
  const after = addCurrencyCounters(before, delta.counters);
  checkCurrencyCounters(after, key);
  const version = (current?.version ?? 0) + 1;
  if (!Number.isSafeInteger(version)) {
    throw new AggregateError('AGGREGATE.OVERFLOW', 'version beyond the safe integer range', key);
  }
  const firstEventAt = earliest(current?.firstEventAt, delta.firstEventAt);
  const lastEventAt = latest(current?.lastEventAt, delta.lastEventAt);
  if (firstEventAt === undefined || lastEventAt === undefined) {
    // Only a delta made of reversals alone can lack times; it cannot open a key (its negative
    // counters fail the check above), so this is a programming error.
    throw new Error(`delta without event time opens ${key}`);
  }
  const totals = new Map<Currency, CurrencyCounters>(current?.totals);
  totals.set(delta.currency, after);
  return { version, totals, firstEventAt, lastEventAt };
}

function checkCurrencyCounters(totals: CurrencyCounters, key: string): void {
  checkCounters(totals, key, key);
  for (const [platform, counters] of totals.byPlatform) {
    checkCounters(counters, key, `${key} ${platform}`);
  }
}

/**
 * Each counter must stay in 0..MAX_SAFE_INTEGER; net = raised - refunded then stays a safe
 * integer too. A negative counter could only come from reversing what was never counted.
 */
function checkCounters(counters: Counters, key: string, where: string): void {
  for (const field of COUNTER_FIELDS) {
    const value = counters[field];
    if (value < 0n || value > MAX) {
      throw new AggregateError(
        'AGGREGATE.OVERFLOW',
        `${field} of ${where} would leave 0..${Number.MAX_SAFE_INTEGER}`,
        key,
      );
    }
  }
}
