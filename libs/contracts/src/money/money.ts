import { Currency, isCurrency, minorUnitExponent } from './currency';
import { MoneyError } from './money.errors';

/** Plain decimal: digits, optionally a point and at least one digit. No sign, exponent or spaces. */
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

function requireCurrency(currency: string): Currency {
  if (!isCurrency(currency)) {
    throw new MoneyError('MONEY.UNKNOWN_CURRENCY', `unknown ISO 4217 currency "${currency}"`);
  }
  return currency;
}

/**
 * Parses a decimal amount ("12.30" yuan) into integer minor units (1230 fen) with string
 * arithmetic only, so no binary floating point rounding ever touches money.
 *
 * Rejects: empty, whitespace, signs ("-1", "+1"), exponents ("1e3"), ".5" / "5.", more fractional
 * digits than the currency has ("1.234" CNY), and results beyond Number.MAX_SAFE_INTEGER.
 * Trailing zeros within the exponent are fine ("12.30" CNY, "1.000" KWD).
 */
export function decimalToMinor(amount: string, currency: string): number {
  const exponent = minorUnitExponent(requireCurrency(currency));
  const match = typeof amount === 'string' ? DECIMAL.exec(amount) : null;
  if (match === null) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', 'amount must be a plain non-negative decimal');
  }
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) {
    throw new MoneyError(
      'MONEY.TOO_MANY_DECIMALS',
      `${currency} has ${exponent} decimal digits, amount has ${fraction.length}`,
    );
  }
  const minor = BigInt(whole + fraction.padEnd(exponent, '0'));
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new MoneyError('MONEY.AMOUNT_TOO_LARGE', 'amount exceeds the safe integer range');
  }
  return Number(minor);
}

/** Formats integer minor units as a decimal string with exactly the currency's digits (1230 -> "12.30"). */
export function minorToDecimal(minor: number, currency: string): string {
  const exponent = minorUnitExponent(requireCurrency(currency));
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw new MoneyError('MONEY.INVALID_AMOUNT', 'minor units must be a non-negative safe integer');
  }
  if (exponent === 0) {
    return String(minor);
  }
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
