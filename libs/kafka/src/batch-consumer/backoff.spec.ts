import { backoffDelay, BackoffOptions } from './backoff';

const options: BackoffOptions = { initialMs: 100, maxMs: 5_000, factor: 2, jitter: 0 };

describe('backoffDelay', () => {
  it('doubles the delay with every failed attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, options))).toEqual([
      100, 200, 400, 800,
    ]);
  });

  it('never waits longer than the cap', () => {
    expect(backoffDelay(30, options)).toBe(5_000);
    expect(backoffDelay(10_000, options)).toBe(5_000);
  });

  it('treats attempt 0 or less as the first', () => {
    expect(backoffDelay(0, options)).toBe(100);
  });

  it('shortens the delay by at most the jitter share', () => {
    const jittered = { ...options, jitter: 0.5 };
    expect(backoffDelay(3, jittered, () => 0)).toBe(400);
    expect(backoffDelay(3, jittered, () => 1)).toBe(200);
    expect(backoffDelay(3, jittered, () => 0.5)).toBe(300);
  });
});
