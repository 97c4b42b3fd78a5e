import type { Currency } from '@donations/contracts';
import {
  addInto,
  compareCurrencies,
  CurrencyLabel,
  currencyLabel,
  Figures,
  FiguresByCurrency,
} from './figures';

/** What applying one message did to the state. */
export type ApplyOutcome = 'applied' | 'stale' | 'ignored';

/** One key's latest state: its version, figures and whatever else the board shows. */
interface Entry<E> {
  version: number;
  figures: FiguresByCurrency;
  extra: E;
}

export type CurrencyTotals = CurrencyLabel & Figures;

export type RankedEntry<E> = { id: string } & Figures & E;

export interface RankedList<E> extends CurrencyLabel {
  entries: RankedEntry<E>[];
}

/**
 * The latest version of every key of an aggregate topic (campaigns or charities) and the sum of
 * them all per currency, kept up to date as keys change: a message whose version is not above
 * the one held is stale and dropped. Memory: one small entry per key, nothing per message.
 */
export class TotalsBoard<E extends object = Record<never, never>> {
  private readonly entries = new Map<string, Entry<E>>();
  private readonly sums: FiguresByCurrency = new Map();

  get size(): number {
    return this.entries.size;
  }

  apply(id: string, version: number, figures: FiguresByCurrency, extra: E): ApplyOutcome {
    const held = this.entries.get(id);
    if (held && held.version >= version) return 'stale';
    if (held) addInto(this.sums, held.figures, -1);
    addInto(this.sums, figures, 1);
    this.entries.set(id, { version, figures, extra });
    return 'applied';
  }

  /** A tombstone: the key is gone from the topic. */
  remove(id: string): ApplyOutcome {
    const held = this.entries.get(id);
    if (!held) return 'ignored';
    addInto(this.sums, held.figures, -1);
    this.entries.delete(id);
    return 'applied';
  }

  /** The sum over every key, per currency, CNY first. */
  totals(): CurrencyTotals[] {
    return [...this.sums.keys()]
      .sort(compareCurrencies)
      .map((currency) => ({ ...currencyLabel(currency), ...this.sums.get(currency)! }));
  }

  /** The `n` keys with the highest net, per currency (CNY first); ties by id. */
  top(n: number): RankedList<E>[] {
    const lists = new Map<Currency, RankedEntry<E>[]>();
    for (const [id, entry] of this.entries) {
      for (const [currency, figures] of entry.figures) {
        let list = lists.get(currency);
        if (!list) lists.set(currency, (list = []));
        insertRanked(list, { id, ...figures, ...entry.extra }, n);
      }
    }
    return [...lists.keys()]
      .sort(compareCurrencies)
      .map((currency) => ({ ...currencyLabel(currency), entries: lists.get(currency)! }));
  }
}

function ranksBefore(a: { id: string; netMinor: number }, b: { id: string; netMinor: number }) {
  return a.netMinor > b.netMinor || (a.netMinor === b.netMinor && a.id < b.id);
}

/** Inserts `item` into the sorted `list` of at most `n` (a bounded insertion: O(n) per key). */
export function insertRanked<T extends { id: string; netMinor: number }>(
  list: T[],
  item: T,
  n: number,
): void {
  if (list.length >= n && !ranksBefore(item, list[list.length - 1])) return;
  let at = list.length;
  while (at > 0 && ranksBefore(item, list[at - 1])) at -= 1;
  list.splice(at, 0, item);
  if (list.length > n) list.pop();
}
