import { minorUnitExponent } from '@donations/contracts';
import { WebhookError } from '@donations/adapter-kit';
import { stripeExponent, toMinorAmount } from './stripe-amount';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof WebhookError ? error.code : 'NOT_A_WEBHOOK_ERROR';
  }
  return undefined;
}

describe('Stripe amounts as ISO 4217 minor units', () => {
  it.each(['JPY', 'KRW'] as const)(
    'takes %s whole units as they are: Stripe zero-decimal is ISO exponent 0',
    (currency) => {
      expect(stripeExponent(currency)).toBe(0);
      expect(minorUnitExponent(currency)).toBe(0);
    },
  );

  it.each([
    [2500, 'usd', 2500, 'USD'],
    [5000, 'jpy', 5000, 'JPY'],
    [50000, 'krw', 50000, 'KRW'],
    [1000, 'cny', 1000, 'CNY'],
    [5120, 'kwd', 5120, 'KWD'],
    [1230, 'bhd', 1230, 'BHD'],
    [500, 'EUR', 500, 'EUR'],
    [0, 'usd', 0, 'USD'],
    [-100, 'usd', -100, 'USD'],
  ])('reads %d %s as %d %s', (amount, stripeCurrency, amountMinor, currency) => {
    expect(toMinorAmount(amount, stripeCurrency)).toEqual({ amountMinor, currency });
  });

  it('needs no scaling for the three-decimal currencies: Stripe sends thousandths, like ISO', () => {
    for (const currency of ['BHD', 'JOD', 'KWD', 'OMR', 'TND'] as const) {
      expect(stripeExponent(currency)).toBe(3);
      expect(minorUnitExponent(currency)).toBe(3);
    }
  });

  it('scales only where Stripe and ISO disagree: ISK, MGA, IQD', () => {
    expect(toMinorAmount(50_000, 'isk')).toEqual({ amountMinor: 500, currency: 'ISK' });
    expect(toMinorAmount(5_000, 'mga')).toEqual({ amountMinor: 500_000, currency: 'MGA' });
    expect(toMinorAmount(1_000, 'iqd')).toEqual({ amountMinor: 10_000, currency: 'IQD' });
  });

  it('rejects a fractional króna, which has no ISO minor unit', () => {
    expect(codeOf(() => toMinorAmount(50_050, 'isk'))).toBe('WEBHOOK.INVALID_AMOUNT');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'rejects the amount %p',
    (amount) => {
      expect(codeOf(() => toMinorAmount(amount, 'usd'))).toBe('WEBHOOK.INVALID_AMOUNT');
    },
  );

  it('rejects an amount that scaling would make unsafe', () => {
    expect(codeOf(() => toMinorAmount(2 ** 52, 'mga'))).toBe('WEBHOOK.INVALID_AMOUNT');
  });

  it.each(['xyz', 'us', '', 'toString'])('rejects the currency %p', (currency) => {
    expect(codeOf(() => toMinorAmount(100, currency))).toBe('WEBHOOK.UNKNOWN_CURRENCY');
  });
});
