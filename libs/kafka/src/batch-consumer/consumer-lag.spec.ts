import { lagAfterBatch, lagOf, partitionLags, totalLag } from './consumer-lag';

describe('consumer lag fold', () => {
  it('is log end minus the applied offset, per partition, in partition order', () => {
    const lags = partitionLags(
      [
        { partition: 1, low: '0', high: '40' },
        { partition: 0, low: '0', high: '25' },
      ],
      new Map([
        [0, '25'],
        [1, '33'],
      ]),
    );
    expect(lags).toEqual([
      { partition: 0, applied: '25', logEnd: '25', lag: 0 },
      { partition: 1, applied: '33', logEnd: '40', lag: 7 },
    ]);
    expect(totalLag(lags)).toBe(7);
  });

  it('counts a partition with nothing stored from the earliest offset still in the log', () => {
    expect(partitionLags([{ partition: 2, low: '10', high: '17' }], new Map())).toEqual([
      { partition: 2, applied: null, logEnd: '17', lag: 7 },
    ]);
  });

  it('counts an applied offset that retention passed from the earliest offset', () => {
    expect(lagOf('100', '130', '40')).toBe(30);
  });

  it('is never negative, even for a stored offset beyond the log end (a recreated topic)', () => {
    expect(lagOf('0', '5', '9')).toBe(0);
    expect(lagOf('0', '0', undefined)).toBe(0);
  });

  it('handles offsets beyond 2^53 exactly', () => {
    expect(lagOf('0', '9007199254740995', '9007199254740993')).toBe(2);
  });

  it('after a batch: the high watermark at fetch minus the next offset, at least 0', () => {
    expect(lagAfterBatch('120', '100')).toBe(20);
    expect(lagAfterBatch('100', '100')).toBe(0);
    expect(lagAfterBatch('99', '100')).toBe(0);
  });
});
