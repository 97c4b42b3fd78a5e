export interface BackoffOptions {
  /** Delay before the second attempt (ms). */
  initialMs: number;
  /** Upper bound of any delay (ms). */
  maxMs: number;
  /** Growth per attempt. */
  factor: number;
  /** Share of the delay that is randomised (0 = none, 0.2 = up to 20% shorter). */
  jitter: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 200,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.2,
};

/**
 * The delay after the `attempt`-th failure (1-based): initialMs * factor^(attempt-1), capped at
 * maxMs, shortened by up to `jitter` of itself so that failing consumers do not retry in step.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(options.maxMs, options.initialMs * options.factor ** exponent);
  const jitter = Math.min(1, Math.max(0, options.jitter));
  return Math.round(raw * (1 - jitter * random()));
}
