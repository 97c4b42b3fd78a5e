import type { Platform } from '@donations/contracts';

/** Standard Webhooks senders (Svix): immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
const STANDARD_WEBHOOKS = [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000];

/**
 * Seconds a platform waits before each retry of a notification it got no success for, as the
 * platforms document them: Alipay 4m, 10m, 10m, 1h, 2h, 6h, 15h (8 notifies in ~25 h); WeChat
 * Pay 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h (24h4m); Stripe exponential
 * backoff for up to three days (approximated); Standard Webhooks as above.
 */
export const RETRY_SCHEDULES: Readonly<Record<Platform, readonly number[]>> = {
  alipay: [240, 600, 600, 3_600, 7_200, 21_600, 54_000],
  tencent: [
    15, 15, 30, 180, 600, 1_200, 1_800, 1_800, 1_800, 3_600, 10_800, 10_800, 10_800, 21_600, 21_600,
  ],
  stripe: [60, 300, 1_800, 3_600, 7_200, 14_400, 28_800, 57_600, 86_400, 86_400],
  shuidi: STANDARD_WEBHOOKS,
  jd: STANDARD_WEBHOOKS,
};

/** No retry comes sooner than this, however small the scale. */
const MIN_DELAY_MS = 20;

/**
 * How long the platform waits after its `failedAttempts`-th failed attempt, in real milliseconds
 * with the schedule compressed by `scale` (0.005: Alipay's 4 minutes become 1.2 s); undefined
 * once the platform gives up.
 */
export function retryDelayMs(
  platform: Platform,
  failedAttempts: number,
  scale: number,
): number | undefined {
  const seconds = RETRY_SCHEDULES[platform][failedAttempts - 1];
  if (seconds === undefined) return undefined;
  return Math.max(MIN_DELAY_MS, Math.round(seconds * 1000 * scale));
}
