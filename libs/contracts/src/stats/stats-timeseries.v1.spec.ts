import { MinuteBucketSchema, minuteBucket, StatsTimeseriesV1Schema } from './stats-timeseries.v1';

const aMinute = {
  scope: 'campaign:campaign-1',
  version: 4,
  minute: '2024-09-09T02:00:00.000Z',
  perCurrency: { CNY: { raisedMinor: 500, donationCount: 5, refundedMinor: 0, refundCount: 0 } },
  updatedAt: '2024-09-09T02:00:07.000Z',
};

describe('stats.timeseries.v1', () => {
  it('accepts one minute of one scope', () => {
    expect(StatsTimeseriesV1Schema.safeParse(aMinute).success).toBe(true);
  });

  it.each([
    '2024-09-09T02:00:30.000Z',
    '2024-09-09T02:00:00Z',
    '2024-09-09T10:00:00.000+08:00',
    '2024-02-30T02:00:00.000Z',
    '2024-09-09T02:00:00.001Z',
  ])('rejects %p as a minute bucket', (minute) => {
    expect(MinuteBucketSchema.safeParse(minute).success).toBe(false);
    expect(StatsTimeseriesV1Schema.safeParse({ ...aMinute, minute }).success).toBe(false);
  });

  it('rejects a negative count', () => {
    const perCurrency = { CNY: { ...aMinute.perCurrency.CNY, donationCount: -1 } };
    expect(StatsTimeseriesV1Schema.safeParse({ ...aMinute, perCurrency }).success).toBe(false);
  });

  it('buckets an instant into its UTC minute', () => {
    expect(minuteBucket('2024-09-09T10:00:59.999+08:00')).toBe('2024-09-09T02:00:00.000Z');
    expect(minuteBucket('2024-09-09T02:01:00Z')).toBe('2024-09-09T02:01:00.000Z');
    expect(minuteBucket('1969-12-31T23:59:30Z')).toBe('1969-12-31T23:59:00.000Z');
  });

  it('refuses to bucket a string that is not an ISO-8601 instant', () => {
    expect(() => minuteBucket('Sep 9 2024')).toThrow(/ISO-8601/);
  });
});
