import { CURRENCIES, CurrencySchema, isCurrency, minorUnitExponent } from './currency';

describe('currency', () => {
  it('knows the renminbi, the dollar and the euro with two decimals', () => {
    expect(minorUnitExponent('CNY')).toBe(2);
    expect(minorUnitExponent('USD')).toBe(2);
    expect(minorUnitExponent('EUR')).toBe(2);
  });

  it.each(['JPY', 'KRW', 'VND', 'CLP', 'ISK', 'PYG', 'UGX', 'XAF', 'XOF'] as const)(
    'knows %s has no minor unit',
    (code) => expect(minorUnitExponent(code)).toBe(0),
  );

  it.each(['BHD', 'KWD', 'JOD', 'OMR', 'TND', 'IQD', 'LYD'] as const)(
    'knows %s has three decimals',
    (code) => expect(minorUnitExponent(code)).toBe(3),
  );

  it('knows the four-decimal units of account', () => {
    expect(minorUnitExponent('CLF')).toBe(4);
    expect(minorUnitExponent('UYW')).toBe(4);
  });

  it('lists the active codes only once, sorted', () => {
    expect(CURRENCIES.length).toBeGreaterThan(150);
    expect(new Set(CURRENCIES).size).toBe(CURRENCIES.length);
    expect([...CURRENCIES].sort()).toEqual(CURRENCIES);
    expect(CURRENCIES).toEqual(expect.arrayContaining(['HKD', 'MOP', 'TWD', 'XCG', 'ZWG']));
  });

  it.each(['XYZ', 'cny', 'CN', '', 'HRK', 'XAU', 'toString', '__proto__'])(
    'rejects %p as a currency',
    (code) => {
      expect(isCurrency(code)).toBe(false);
      expect(CurrencySchema.safeParse(code).success).toBe(false);
    },
  );

  it('rejects values that are not strings', () => {
    expect(isCurrency(156)).toBe(false);
    expect(isCurrency(undefined)).toBe(false);
  });

  it('accepts a known code in the schema', () => {
    expect(CurrencySchema.parse('CNY')).toBe('CNY');
  });
});
