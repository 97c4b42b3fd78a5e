import { decimalToMinor, minorToDecimal } from './money';
import { MoneyError } from './money.errors';

function errorCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof MoneyError ? error.code : 'NOT_A_MONEY_ERROR';
  }
  return undefined;
}

describe('decimalToMinor', () => {
  it.each([
    ['0.01', 'CNY', 1],
    ['12.3', 'CNY', 1230],
    ['12.30', 'CNY', 1230],
    ['100', 'CNY', 10000],
    ['0', 'CNY', 0],
    ['0.00', 'CNY', 0],
    ['1.234', 'KWD', 1234],
    ['1.2', 'BHD', 1200],
    ['100', 'JPY', 100],
    ['50000', 'KRW', 50000],
    ['0.1', 'CNY', 10],
    ['0.29', 'CNY', 29],
    ['1.005', 'TND', 1005],
    ['90071992547409.91', 'CNY', Number.MAX_SAFE_INTEGER],
  ])('parses %p %s as %d minor units', (amount, currency, minor) => {
    expect(decimalToMinor(amount, currency)).toBe(minor);
  });

  it('does not suffer binary floating point (0.29 yuan, 19.99 yuan)', () => {
    expect(decimalToMinor('19.99', 'CNY')).toBe(1999);
    expect(decimalToMinor('4.35', 'CNY')).toBe(435);
  });

  it.each([
    ['1.234', 'CNY'],
    ['1.5', 'JPY'],
    ['1.00001', 'CLF'],
  ])('rejects %p %s: more decimals than the currency has', (amount, currency) => {
    expect(errorCode(() => decimalToMinor(amount, currency))).toBe('MONEY.TOO_MANY_DECIMALS');
  });

  it.each([
    '-1',
    '1e3',
    ' 1',
    '1 ',
    '',
    '+1',
    '.5',
    '5.',
    '1,000',
    '0x10',
    'NaN',
    'Infinity',
    '１',
  ])('rejects %p as an invalid amount', (amount) => {
    expect(errorCode(() => decimalToMinor(amount, 'CNY'))).toBe('MONEY.INVALID_AMOUNT');
  });

  it('rejects an amount beyond the safe integer range', () => {
    expect(errorCode(() => decimalToMinor('90071992547409.92', 'CNY'))).toBe(
      'MONEY.AMOUNT_TOO_LARGE',
    );
  });

  it('rejects an unknown currency', () => {
    expect(errorCode(() => decimalToMinor('1.00', 'XYZ'))).toBe('MONEY.UNKNOWN_CURRENCY');
  });

  it('throws a MoneyError that is also an Error with a message', () => {
    expect(() => decimalToMinor('-1', 'CNY')).toThrow(MoneyError);
    expect(() => decimalToMinor('-1', 'CNY')).toThrow(/non-negative decimal/);
  });
});

describe('minorToDecimal', () => {
  it.each([
    [1230, 'CNY', '12.30'],
    [1, 'CNY', '0.01'],
    [0, 'CNY', '0.00'],
    [100, 'JPY', '100'],
    [1234, 'KWD', '1.234'],
    [5, 'KWD', '0.005'],
    [10000, 'CLF', '1.0000'],
  ])('formats %d %s as %p', (minor, currency, decimal) => {
    expect(minorToDecimal(minor, currency)).toBe(decimal);
  });

  it('round-trips with decimalToMinor', () => {
    for (const amount of ['0.01', '12.30', '99999.99', '123456789.00']) {
      expect(minorToDecimal(decimalToMinor(amount, 'CNY'), 'CNY')).toBe(amount);
    }
  });

  it.each([-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN])('rejects %p minor units', (minor) => {
    expect(errorCode(() => minorToDecimal(minor, 'CNY'))).toBe('MONEY.INVALID_AMOUNT');
  });

  it('rejects an unknown currency', () => {
    expect(errorCode(() => minorToDecimal(100, 'XYZ'))).toBe('MONEY.UNKNOWN_CURRENCY');
  });
});
