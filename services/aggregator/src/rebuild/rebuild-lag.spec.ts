import { rebuildLag } from './rebuild-lag';

describe('rebuildLag', () => {
  it('counts from the stored offset, or the earliest where none is stored, to the end', () => {
    const ends = [
      { partition: 0, low: '0', high: '100' },
      { partition: 1, low: '40', high: '50' },
      { partition: 2, low: '7', high: '7' },
    ];
    expect(rebuildLag(ends, new Map([[0, '90']]))).toBe(10 + 10);
    expect(
      rebuildLag(
        ends,
        new Map([
          [0, '100'],
          [1, '50'],
        ]),
      ),
    ).toBe(0);
    expect(rebuildLag(ends, new Map())).toBe(100 + 10);
  });
});
