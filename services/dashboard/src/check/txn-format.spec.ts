import { Platform, PLATFORMS } from '@donations/contracts';
// The simulator's generators: every number it sends must be looked up, never called unknown.
import { PlatformIds } from '../../../simulator/src/journeys/platform-ids';
import { couldBeTransaction, TXN_MAX_LENGTH } from './txn-format';

/** Numbers as the platforms show them in their documentation and receipts. */
const DOCUMENTED: Record<Platform, string[]> = {
  alipay: ['2013112011001004330000121536', '20213112011001004330000121536'],
  tencent: ['1217752501201407033233368018', '4200001234202609091234567890'],
  stripe: ['pi_3MtwBwLkdIwHu7ix28a3tqPa', 'ch_3MmlLrLkdIwHu7ix0snN0B15', 'py_1Nv0vSLkdIwHu7ix'],
  shuidi: ['SD20260909123456000000001'],
  jd: ['JD123456000000001', '2883456712'],
};

describe('couldBeTransaction', () => {
  it.each(PLATFORMS)(
    'accepts every %s number the simulator sends, whatever the run',
    (platform) => {
      for (const run of ['mgx1a2b3c4d5', 'x', 'run-with-a-long-name-0123']) {
        const ids = new PlatformIds(run);
        for (const seq of [0, 1, 999, 123_456_789]) {
          const txn = ids.transaction(platform, seq, '20260909');
          expect({ txn, ok: couldBeTransaction(platform, txn) }).toEqual({ txn, ok: true });
        }
      }
    },
  );

  it.each(PLATFORMS)('accepts documented %s numbers', (platform) => {
    for (const txn of DOCUMENTED[platform]) expect(couldBeTransaction(platform, txn)).toBe(true);
  });

  it('accepts letters for platforms that document no character set (a misread is not_seen)', () => {
    expect(couldBeTransaction('alipay', 'abc')).toBe(true);
    expect(couldBeTransaction('shuidi', '订单-1')).toBe(true);
  });

  it.each(PLATFORMS)(
    'takes %s numbers up to the documented or accepted length, not one more',
    (platform) => {
      const max = TXN_MAX_LENGTH[platform];
      expect(couldBeTransaction(platform, '7'.repeat(max))).toBe(true);
      expect(couldBeTransaction(platform, '7'.repeat(max + 1))).toBe(false);
    },
  );

  it("refuses a WeChat Pay number longer than transaction_id's documented 32 characters", () => {
    expect(couldBeTransaction('tencent', '4'.repeat(33))).toBe(false);
    expect(couldBeTransaction('alipay', '4'.repeat(33))).toBe(true);
  });

  it('refuses an empty number and text no ledger row can hold', () => {
    expect(couldBeTransaction('jd', '')).toBe(false);
    expect(couldBeTransaction('jd', 'JD1\u0000')).toBe(false);
    expect(couldBeTransaction('jd', 'JD1\ud800')).toBe(false);
  });
});
