import { Currency, minorUnitExponent, TotalsByCurrency } from '@donations/contracts';

/** The counted figures of one currency (byPlatform and timestamps are not kept). */
export interface Figures {
  raisedMinor: number;
  refundedMinor: number;
  netMinor: number;
  donationCount: number;
  refundCount: number;
}

export type FiguresByCurrency = Map<Currency, Figures>;

const FIELDS = [
  'raisedMinor',
  'refundedMinor',
  'netMinor',
  'donationCount',
  'refundCount',
] as const;

/** The figures of an aggregate message's totals, per currency. */
export function figuresOf(totals: TotalsByCurrency): FiguresByCurrency {
  const figures: FiguresByCurrency = new Map();
  for (const [currency, t] of Object.entries(totals) as [Currency, Figures][]) {
    figures.set(currency, {
      raisedMinor: t.raisedMinor,
      refundedMinor: t.refundedMinor,
      netMinor: t.netMinor,
      donationCount: t.donationCount,
      refundCount: t.refundCount,
    });
  }
  return figures;
}

/** Adds (sign 1) or takes away (sign -1) `source` in `target`; a currency left at zero goes. */
export function addInto(target: FiguresByCurrency, source: FiguresByCurrency, sign: 1 | -1): void {
  for (const [currency, figures] of source) {
    const sum = { ...(target.get(currency) ?? zeroFigures()) };
    for (const field of FIELDS) sum[field] += sign * figures[field];
    if (FIELDS.every((field) => sum[field] === 0)) target.delete(currency);
    else target.set(currency, sum);
  }
}

export function zeroFigures(): Figures {
  return { raisedMinor: 0, refundedMinor: 0, netMinor: 0, donationCount: 0, refundCount: 0 };
}

/** The display order of currencies: CNY first, then by code. */
export function compareCurrencies(a: Currency, b: Currency): number {
  if (a === b) return 0;
  if (a === 'CNY') return -1;
  if (b === 'CNY') return 1;
  return a < b ? -1 : 1;
}

/** A currency as the page needs it: its code and its minor-unit exponent (2 for CNY). */
export interface CurrencyLabel {
  currency: Currency;
  exponent: number;
}

export function currencyLabel(currency: Currency): CurrencyLabel {
  return { currency, exponent: minorUnitExponent(currency) };
}
