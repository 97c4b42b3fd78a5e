import { Currency, isCurrency, minorUnitExponent } from '@donations/contracts';
import { WebhookError } from '@donations/adapter-kit';

/**
 * Stripe's zero-decimal currencies (docs.stripe.com/currencies#zero-decimal): the API amount is
 * whole units. For all of them but MGA that is also the ISO 4217 minor unit (exponent 0).
 */
// prettier-ignore
const STRIPE_ZERO_DECIMAL = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA',
  'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
]);

/**
 * Stripe's three-decimal currencies: amounts carry three decimals (the last digit must be 0, a
 * rule for whoever creates the charge, not for us), which is exactly the ISO minor unit.
 */
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** The decimals Stripe's `amount` fields carry for a currency; every other currency has two. */
export function stripeExponent(currency: Currency): 0 | 2 | 3 {
  if (STRIPE_ZERO_DECIMAL.has(currency)) return 0;
  if (STRIPE_THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

export interface MinorAmount {
  amountMinor: number;
  currency: Currency;
}

/**
 * A Stripe amount (lower-case currency) as ISO 4217 minor units. Mostly the same number: USD
 * cents, JPY and KRW whole units (ISO exponent 0), KWD/BHD/JOD/OMR/TND thousandths. It is scaled
 * only where Stripe's exponent and ISO's differ: ISK (Stripe keeps two decimals, ISO none: 500 ->
 * 5; a fractional króna is INVALID_AMOUNT), MGA (Stripe none, ISO two: 5 -> 500), and IQD/LYD
 * (Stripe two, ISO three). Sign and zero are left to the DonationEvent schema.
 */
export function toMinorAmount(amount: number, stripeCurrency: string): MinorAmount {
  const currency = stripeCurrency.toUpperCase();
  if (!isCurrency(currency)) {
    throw new WebhookError('WEBHOOK.UNKNOWN_CURRENCY', `unknown currency ${currency.slice(0, 8)}`);
  }
  if (!Number.isSafeInteger(amount)) {
    throw new WebhookError('WEBHOOK.INVALID_AMOUNT', 'amount is not an integer of minor units');
  }
  const shift = minorUnitExponent(currency) - stripeExponent(currency);
  if (shift >= 0) return { amountMinor: checked(amount * 10 ** shift), currency };
  const divisor = 10 ** -shift;
  if (amount % divisor !== 0) {
    throw new WebhookError(
      'WEBHOOK.INVALID_AMOUNT',
      `${currency} amount is not a whole number of ISO minor units`,
    );
  }
  return { amountMinor: amount / divisor, currency };
}

function checked(amountMinor: number): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new WebhookError('WEBHOOK.INVALID_AMOUNT', 'amount is too large');
  }
  return amountMinor;
}
