import { RETRY_SCHEDULES, retryDelayMs } from './retry-schedules';

describe('retry schedules', () => {
  it("retries as each platform documents: Alipay's 8 notifies in about 25 hours", () => {
    expect(RETRY_SCHEDULES.alipay).toHaveLength(7);
    const hours = RETRY_SCHEDULES.alipay.reduce((sum, seconds) => sum + seconds, 0) / 3600;
    expect(hours).toBeGreaterThan(24);
    expect(hours).toBeLessThan(25.5);
  });

  it("retries WeChat Pay's notifications over 24 h 4 min, Stripe's over about three days", () => {
    const total = (seconds: readonly number[]) => seconds.reduce((sum, value) => sum + value, 0);
    expect(total(RETRY_SCHEDULES.tencent)).toBe(24 * 3600 + 4 * 60);
    expect(total(RETRY_SCHEDULES.stripe) / 86_400).toBeGreaterThan(3);
    expect(total(RETRY_SCHEDULES.stripe) / 86_400).toBeLessThan(4);
  });

  it('compresses the waits by the scale, never below 20 ms, and gives up after the last', () => {
    expect(retryDelayMs('alipay', 1, 0.005)).toBe(1_200);
    expect(retryDelayMs('tencent', 1, 0.005)).toBe(75);
    expect(retryDelayMs('shuidi', 1, 0.001)).toBe(20);
    expect(retryDelayMs('alipay', 7, 1)).toBe(54_000_000);
    expect(retryDelayMs('alipay', 8, 1)).toBeUndefined();
    expect(retryDelayMs('jd', 8, 1)).toBeUndefined();
  });
});
