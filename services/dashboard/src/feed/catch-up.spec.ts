import { CatchUp } from './catch-up';

describe('CatchUp', () => {
  const ends = new Map([
    [
      'totals',
      [
        { partition: 0, low: '0', high: '5' },
        { partition: 1, low: '3', high: '3' },
      ],
    ],
    ['overview', [{ partition: 0, low: '10', high: '12' }]],
  ]);

  it('is done once every non-empty partition is read up to its end at start', () => {
    const catchUp = new CatchUp(ends);
    catchUp.advance('totals', 0, '4');
    expect(catchUp.done).toBe(false);
    catchUp.advance('overview', 0, '10');
    expect(catchUp.done).toBe(false);
    catchUp.advance('overview', 0, '11');
    expect(catchUp.done).toBe(true);
  });

  it('is done at once when the topics are empty, and counts a batch past the end', () => {
    expect(new CatchUp(new Map([['t', [{ partition: 0, low: '7', high: '7' }]]])).done).toBe(true);
    const catchUp = new CatchUp(new Map([['t', [{ partition: 0, low: '0', high: '2' }]]]));
    catchUp.advance('t', 0, '9');
    expect(catchUp.done).toBe(true);
  });
});
