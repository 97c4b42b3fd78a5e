import { SeededRandom } from '../random/seeded-random';
import { donationAmountMinor, refundAmountsMinor } from './amounts';

describe('donation amounts', () => {
  const random = new SeededRandom(99);
  const cny = Array.from({ length: 50_000 }, () => donationAmountMinor(random, 'CNY'));

  it('are mostly small: about three quarters at most ¥10, every one at least 1 fen', () => {
    const small = cny.filter((fen) => fen <= 1000).length / cny.length;
    expect(small).toBeGreaterThan(0.7);
    expect(small).toBeLessThan(0.8);
    expect(Math.min(...cny)).toBeGreaterThanOrEqual(1);
    expect(cny.every(Number.isSafeInteger)).toBe(true);
  });

  it('have a long tail: a few above ¥1,000, none above ¥50,000', () => {
    const large = cny.filter((fen) => fen > 100_000).length / cny.length;
    expect(large).toBeGreaterThan(0.003);
    expect(large).toBeLessThan(0.03);
    expect(Math.max(...cny)).toBeLessThanOrEqual(5_000_000);
  });

  it('are whole units for card currencies', () => {
    const usd = Array.from({ length: 1000 }, () => donationAmountMinor(random, 'USD'));
    expect(usd.every((cents) => cents % 100 === 0 && cents >= 500)).toBe(true);
  });

  it('refund at most what was donated, every refund positive', () => {
    for (const donation of [1, 2, 3, 10, 999, 100_000]) {
      for (let i = 0; i < 200; i += 1) {
        const refunds = refundAmountsMinor(random, donation);
        expect(refunds.length).toBeGreaterThanOrEqual(1);
        expect(refunds.every((amount) => amount >= 1)).toBe(true);
        expect(refunds.reduce((sum, amount) => sum + amount, 0)).toBeLessThanOrEqual(donation);
      }
    }
  });
});
