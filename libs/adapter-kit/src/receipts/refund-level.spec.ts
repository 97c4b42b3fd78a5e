import { nextRefund, RefundObservation, refundedLevel } from './refund-level';

/** Every ordering of the items. */
function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/** Folds the observations one at a time as the adapter does; returns the emitted amounts. */
function emitted(arrivals: readonly RefundObservation[], cap?: number): number[] {
  const seen: RefundObservation[] = [];
  const amounts: number[] = [];
  let issued = 0;
  for (const observation of arrivals) {
    seen.push(observation);
    const step = nextRefund(refundedLevel(seen, cap), issued);
    if (step) {
      amounts.push(step.amountMinor);
      issued = step.level;
    }
  }
  return amounts;
}

const sum = (amounts: readonly number[]) => amounts.reduce((a, b) => a + b, 0);

describe('refundedLevel and nextRefund (per-transaction refund rule)', () => {
  // Three partial refunds of a 10,000 donation: 1,000, 2,000 and 3,000.
  const singles: RefundObservation[] = [
    { basis: 'single', key: 're_1', amountMinor: 1_000 },
    { basis: 'single', key: 're_2', amountMinor: 2_000 },
    { basis: 'single', key: 're_3', amountMinor: 3_000 },
  ];
  const cumulatives: RefundObservation[] = [
    { basis: 'cumulative', key: 'R1', amountMinor: 1_000 },
    { basis: 'cumulative', key: 'R2', amountMinor: 3_000 },
    { basis: 'cumulative', key: 'R3', amountMinor: 6_000 },
  ];

  it.each(permutations([0, 1, 2]).map((order) => [order.join(',')]))(
    'refunds 6,000 exactly once in order %s, each delivered twice, then the statement twice',
    (order) => {
      const indexes = order.split(',').map(Number);
      for (const reports of [singles, cumulatives]) {
        const webhooks = indexes.flatMap((i) => [reports[i], reports[i]]);
        const statement = [...singles, ...singles];
        const amounts = emitted([...webhooks, ...statement], 10_000);
        expect(sum(amounts)).toBe(6_000);
      }
    },
  );

  it('counts a refund id once, however often it is reported', () => {
    expect(refundedLevel([singles[0], singles[0], singles[0]])).toBe(1_000);
  });

  it('takes the largest cumulative figure, not their sum', () => {
    expect(refundedLevel([cumulatives[2], cumulatives[0], cumulatives[1]])).toBe(6_000);
  });

  it('takes the larger of the two lower bounds when single and cumulative figures mix', () => {
    expect(refundedLevel([cumulatives[1], singles[2]])).toBe(3_000);
    expect(refundedLevel([cumulatives[0], singles[1], singles[2]])).toBe(5_000);
  });

  it('never goes above the donation', () => {
    expect(refundedLevel([{ basis: 'cumulative', key: 'x', amountMinor: 12_000 }], 10_000)).toBe(
      10_000,
    );
  });

  it('emits the rise of the level, named by the new level', () => {
    expect(nextRefund(3_000, 1_000)).toEqual({
      refundId: 'level:3000',
      level: 3_000,
      amountMinor: 2_000,
    });
    expect(nextRefund(3_000, 3_000)).toBeUndefined();
    expect(nextRefund(1_000, 3_000)).toBeUndefined();
  });
});
