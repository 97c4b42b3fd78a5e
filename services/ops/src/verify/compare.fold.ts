import {
  COUNTER_FIELDS,
  Counters,
  CurrencyFigures,
  Figures,
  isZero,
  KeyFigures,
  KeyKind,
  ZERO,
} from './figures';

/** Where a figure was found: the totals tables, the aggregate topics, the statistics. */
export type VerifySource = 'totals-table' | 'aggregate-topic' | 'statistics';

/** One figure that is not what the ledger gives. */
export interface Difference {
  readonly source: VerifySource;
  readonly kind: KeyKind;
  readonly key: string;
  /** `CNY.raisedMinor`, `CNY.byPlatform.alipay.refundCount`, `campaignCount`, or `key`. */
  readonly field: string;
  /** From the ledger; `present` for a key the source lacks. */
  readonly expected: string;
  readonly found: string;
}

interface FieldDifference {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

/**
 * Every difference between the ledger's figures and a source's, over `keys` (the keys to check:
 * absent from either side counts as zero). A key the ledger has figures for and the source lacks
 * altogether is one difference (`key`: present / absent), not one per counter. Zero figures equal
 * absent ones (a currency or platform whose counted events were all taken back). Pure.
 */
export function compareFigures(
  source: VerifySource,
  kind: KeyKind,
  keys: Iterable<string>,
  ledger: Figures,
  found: Figures,
): Difference[] {
  const differences: Difference[] = [];
  for (const key of [...new Set(keys)].sort()) {
    const fields = compareKey(ledger.get(key), found.get(key));
    differences.push(...fields.map((field) => ({ source, kind, key, ...field })));
  }
  return differences;
}

function compareKey(
  expected: KeyFigures | undefined,
  found: KeyFigures | undefined,
): FieldDifference[] {
  if (found === undefined) {
    return expected === undefined || isEmpty(expected)
      ? []
      : [{ field: 'key', expected: 'present', found: 'absent' }];
  }
  const differences: FieldDifference[] = [];
  const currencies = new Set([...(expected?.totals.keys() ?? []), ...found.totals.keys()]);
  for (const currency of [...currencies].sort()) {
    differences.push(
      ...compareCurrency(currency, expected?.totals.get(currency), found.totals.get(currency)),
    );
  }
  if (found.campaignCount !== undefined) {
    const count = expected?.campaignCount ?? 0n;
    if (count !== found.campaignCount) {
      differences.push(field('campaignCount', count, found.campaignCount));
    }
  }
  return differences;
}

function compareCurrency(
  currency: string,
  expected: CurrencyFigures | undefined,
  found: CurrencyFigures | undefined,
): FieldDifference[] {
  const differences = compareCounters(currency, expected ?? ZERO, found ?? ZERO);
  // A source without a breakdown (the statistics) is compared on the counters alone.
  if (found !== undefined && found.byPlatform === undefined) return differences;
  const mine = expected?.byPlatform ?? new Map<string, Counters>();
  const theirs = found?.byPlatform ?? new Map<string, Counters>();
  for (const platform of [...new Set([...mine.keys(), ...theirs.keys()])].sort()) {
    differences.push(
      ...compareCounters(
        `${currency}.byPlatform.${platform}`,
        mine.get(platform) ?? ZERO,
        theirs.get(platform) ?? ZERO,
      ),
    );
  }
  return differences;
}

function compareCounters(prefix: string, expected: Counters, found: Counters): FieldDifference[] {
  return COUNTER_FIELDS.filter((name) => expected[name] !== found[name]).map((name) =>
    field(`${prefix}.${name}`, expected[name], found[name]),
  );
}

function field(name: string, expected: bigint, found: bigint): FieldDifference {
  return { field: name, expected: expected.toString(), found: found.toString() };
}

function isEmpty(figures: KeyFigures): boolean {
  return [...figures.totals.values()].every(isZero);
}
