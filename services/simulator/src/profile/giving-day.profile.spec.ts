import { GivingDayProfile } from './giving-day.profile';

const profile = new GivingDayProfile({
  durationSeconds: 60,
  day: '2026-09-09',
  baselineRate: 10,
  burstFactor: 20,
  openingAt: 0.2,
  decayMinutes: 2,
});

describe('GivingDayProfile', () => {
  it('starts the simulated clock at 09:58 Beijing time and reaches 10:00 at the opening share', () => {
    expect(profile.simulatedAt(0).toISOString()).toBe('2026-09-09T01:58:00.000Z');
    expect(profile.opensAfterMs).toBe(12_000);
    expect(profile.simulatedAt(12_000).toISOString()).toBe('2026-09-09T02:00:00.000Z');
    expect(profile.speed).toBe(10);
    expect(profile.endsAt.toISOString()).toBe('2026-09-09T02:08:00.000Z');
  });

  it('keeps the baseline before 10:00 and bursts to 20x when matching opens, then decays', () => {
    expect(profile.rate(0)).toBe(10);
    expect(profile.rate(11_999)).toBe(10);
    expect(profile.rate(12_000)).toBe(200);
    // Two simulated minutes later (12 real seconds at 10x) the burst is down to 1/e.
    expect(profile.multiplier(24_000)).toBeCloseTo(1 + 19 / Math.E, 6);
    expect(profile.rate(60_000)).toBeLessThan(profile.rate(30_000));
    expect(profile.rate(60_000)).toBeGreaterThan(10);
  });

  it('makes the viral campaign hottest at the opening', () => {
    expect(profile.viralShare(0)).toBeCloseTo(0.08);
    expect(profile.viralShare(12_000)).toBeCloseTo(0.4);
    expect(profile.viralShare(40_000)).toBeLessThan(0.2);
  });

  it('integrates the rate: the due donations of adjacent windows add up to the whole', () => {
    expect(profile.expectedBetween(0, 12_000)).toBeCloseTo(120);
    const whole = profile.expectedBetween(0, 60_000);
    let pieces = 0;
    for (let from = 0; from < 60_000; from += 50)
      pieces += profile.expectedBetween(from, from + 50);
    expect(pieces).toBeCloseTo(whole, 6);
    // A numeric integral of rate() agrees with the closed form.
    let numeric = 0;
    for (let at = 0; at < 60_000; at += 1) numeric += profile.rate(at + 0.5) / 1000;
    expect(numeric).toBeCloseTo(whole, 0);
  });
});
