import { StatsTimeseriesV1Schema } from '@donations/contracts';
import { TimeseriesQuerySchema } from './dto/timeseries-query.dto';
import {
  bucketCount,
  bucketStarts,
  currenciesOf,
  pointsOf,
  seriesFields,
} from './timeseries.views';

const from = new Date('2024-09-09T02:03:30.000Z');

describe('timeseries view', () => {
  it('lists every bucket overlapping [from, to), from the one holding from', () => {
    const to = new Date('2024-09-09T02:06:00.000Z');
    expect(bucketStarts(from, to, 'minute')).toEqual([
      '2024-09-09T02:03:00.000Z',
      '2024-09-09T02:04:00.000Z',
      '2024-09-09T02:05:00.000Z',
    ]);
    expect(bucketCount(from, to, 'minute')).toBe(3);
    expect(bucketStarts(from, new Date('2024-09-09T03:00:00.001Z'), 'hour')).toEqual([
      '2024-09-09T02:00:00.000Z',
      '2024-09-09T03:00:00.000Z',
    ]);
  });

  it('reads each currency of each bucket, leaving out currencies with nothing in the bucket', () => {
    const buckets = ['2024-09-09T02:03:00.000Z', '2024-09-09T02:04:00.000Z'];
    const currencies = currenciesOf(['USD:raised', 'CNY:raised', 'CNY:refunds']);
    expect(currencies).toEqual(['CNY', 'USD']);
    const fields = seriesFields(buckets, currencies);
    expect(fields.slice(0, 4)).toEqual([
      '2024-09-09T02:03:00.000Z|CNY|raised',
      '2024-09-09T02:03:00.000Z|CNY|refunded',
      '2024-09-09T02:03:00.000Z|CNY|donations',
      '2024-09-09T02:03:00.000Z|CNY|refunds',
    ]);
    const values = [
      '500',
      '80',
      '3',
      '1',
      null,
      null,
      null,
      null,
      ...Array<null>(4).fill(null),
      null,
      null,
      '7',
      null,
    ];
    const points = pointsOf(buckets, currencies, values);
    expect(points).toEqual([
      {
        at: buckets[0],
        perCurrency: {
          CNY: { raisedMinor: 500, donationCount: 3, refundedMinor: 80, refundCount: 1 },
        },
      },
      {
        at: buckets[1],
        perCurrency: {
          USD: { raisedMinor: 0, donationCount: 7, refundedMinor: 0, refundCount: 0 },
        },
      },
    ]);
    const minute = { scope: 'global', version: 1, minute: buckets[0], updatedAt: buckets[1] };
    expect(
      StatsTimeseriesV1Schema.safeParse({ ...minute, perCurrency: points[0].perCurrency }).success,
    ).toBe(true);
  });
});

describe('timeseries query', () => {
  const parse = (query: Record<string, string>) => TimeseriesQuerySchema.safeParse(query);

  it('takes ISO instants with an offset, minute steps by default and the global scope', () => {
    const parsed = parse({ from: '2024-09-09T10:00:00+08:00', to: '2024-09-09T03:00:00Z' });
    expect(parsed.success && parsed.data).toEqual({
      from: new Date('2024-09-09T02:00:00.000Z'),
      to: new Date('2024-09-09T03:00:00.000Z'),
      step: 'minute',
      scope: 'global',
    });
  });

  it.each([
    ['a day of minutes and one more', { from: '2024-09-09T00:00:00Z', to: '2024-09-10T00:00:01Z' }],
    ['to before from', { from: '2024-09-09T02:00:00Z', to: '2024-09-09T01:00:00Z' }],
    ['an empty range', { from: '2024-09-09T02:00:00Z', to: '2024-09-09T02:00:00Z' }],
    ['a date without time', { from: '2024-09-09', to: '2024-09-10T00:00:00Z' }],
    ['an unknown step', { from: '2024-09-09T00:00:00Z', to: '2024-09-09T01:00:00Z', step: 'day' }],
    [
      'a scope without series',
      { from: '2024-09-09T00:00:00Z', to: '2024-09-09T01:00:00Z', scope: 'platform:jd' },
    ],
    [
      'an unknown parameter',
      { from: '2024-09-09T00:00:00Z', to: '2024-09-09T01:00:00Z', limit: '5' },
    ],
  ])('rejects %s', (_name, query) => {
    expect(parse(query).success).toBe(false);
  });

  it('accepts two months of hours', () => {
    expect(
      parse({ from: '2024-09-01T00:00:00Z', to: '2024-10-31T00:00:00Z', step: 'hour' }).success,
    ).toBe(true);
  });
});
