import { beijingTime, majorText } from './report-document';

describe('majorText', () => {
  it.each([
    ['123405', 'CNY', '1234.05'],
    ['5', 'CNY', '0.05'],
    ['0', 'CNY', '0.00'],
    ['-905', 'CNY', '-9.05'],
    ['-5', 'CNY', '-0.05'],
    ['-0', 'CNY', '0.00'],
    ['9007199254740993', 'CNY', '90071992547409.93'],
    ['1200', 'JPY', '1200'],
    ['-1200', 'JPY', '-1200'],
    ['-0', 'JPY', '0'],
    ['1005', 'KWD', '1.005'],
    ['1005', 'XYZ', '10.05'],
  ])('writes %s minor units of %s as %s', (minor, currency, expected) => {
    expect(majorText(minor, currency)).toBe(expected);
  });
});

describe('beijingTime', () => {
  it('shows an instant in UTC+8, across the day and the year', () => {
    expect(beijingTime('2026-06-30T16:30:00Z')).toBe('2026-07-01 00:30:00');
    expect(beijingTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00');
    expect(beijingTime(new Date('2026-12-06T01:58:09Z'))).toBe('2026-12-06 09:58:09');
  });
});
