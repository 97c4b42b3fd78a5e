import { currencyTotals } from '../../test/feed.builders';
import { figuresOf } from './figures';
import { insertRanked, TotalsBoard } from './totals-board';

const cny = (raisedMinor: number, donationCount = 1, refundedMinor = 0) =>
  figuresOf({ CNY: currencyTotals({ raisedMinor, donationCount, refundedMinor }) });

describe('TotalsBoard', () => {
  it('keeps the latest version of each key and sums the latest versions', () => {
    const board = new TotalsBoard();
    expect(board.apply('a', 1, cny(100), {})).toBe('applied');
    expect(board.apply('a', 3, cny(300, 3), {})).toBe('applied');
    expect(board.apply('b', 1, cny(50), {})).toBe('applied');

    expect(board.totals()).toEqual([
      expect.objectContaining({ currency: 'CNY', exponent: 2, netMinor: 350, donationCount: 4 }),
    ]);
    expect(board.size).toBe(2);
  });

  it('drops a version that is not above the one held, whatever order versions arrive in', () => {
    const board = new TotalsBoard();
    board.apply('a', 5, cny(500, 5), {});
    expect(board.apply('a', 4, cny(400, 4), {})).toBe('stale');
    expect(board.apply('a', 5, cny(999, 9), {})).toBe('stale');
    expect(board.totals()[0]).toMatchObject({ raisedMinor: 500, donationCount: 5 });
  });

  it('subtracts a key that a tombstone removes, and forgets a currency left at zero', () => {
    const board = new TotalsBoard();
    board.apply('a', 1, cny(100), {});
    board.apply(
      'b',
      1,
      figuresOf({ USD: currencyTotals({ raisedMinor: 7, donationCount: 1 }) }),
      {},
    );
    expect(board.remove('b')).toBe('applied');
    expect(board.remove('b')).toBe('ignored');
    expect(board.totals().map((t) => t.currency)).toEqual(['CNY']);
  });

  it('keeps netMinor, refunds and counts exact when a refund lowers a key', () => {
    const board = new TotalsBoard();
    board.apply('a', 1, cny(1_000, 2), {});
    board.apply('a', 2, cny(1_000, 2, 400), {});
    expect(board.totals()[0]).toMatchObject({
      raisedMinor: 1_000,
      refundedMinor: 400,
      netMinor: 600,
    });
  });

  it('lists currencies CNY first, then by code', () => {
    const board = new TotalsBoard();
    for (const currency of ['USD', 'CNY', 'EUR'] as const) {
      board.apply(
        currency,
        1,
        figuresOf({ [currency]: currencyTotals({ raisedMinor: 1, donationCount: 1 }) }),
        {},
      );
    }
    expect(board.totals().map((t) => t.currency)).toEqual(['CNY', 'EUR', 'USD']);
    expect(board.top(3).map((list) => list.currency)).toEqual(['CNY', 'EUR', 'USD']);
  });

  it('ranks the top n keys by net per currency, ties by id, with what the board carries', () => {
    const board = new TotalsBoard<{ campaignCount: number }>();
    const nets = { c: 300, a: 500, d: 100, b: 300, e: 200 };
    for (const [id, net] of Object.entries(nets))
      board.apply(id, 1, cny(net), { campaignCount: 2 });
    const [list] = board.top(3);
    expect(list.entries.map((e) => [e.id, e.netMinor])).toEqual([
      ['a', 500],
      ['b', 300],
      ['c', 300],
    ]);
    expect(list.entries[0]).toMatchObject({ campaignCount: 2, donationCount: 1 });
  });

  it('ranks on the latest version only', () => {
    const board = new TotalsBoard();
    board.apply('a', 1, cny(900), {});
    board.apply('b', 1, cny(500), {});
    board.apply('a', 2, cny(100), {});
    expect(board.top(1)[0].entries.map((e) => e.id)).toEqual(['b']);
  });
});

describe('insertRanked', () => {
  it('matches a full sort over many keys while holding only n', () => {
    const items = Array.from({ length: 2_000 }, (_, i) => ({
      id: `k${i}`,
      netMinor: (i * 7_919) % 1_000,
    }));
    const list: typeof items = [];
    for (const item of items) insertRanked(list, item, 10);
    const sorted = [...items].sort((a, b) => b.netMinor - a.netMinor || (a.id < b.id ? -1 : 1));
    expect(list).toEqual(sorted.slice(0, 10));
  });
});
