import { buildCatalog } from '../catalog/campaign-catalog';
import { GivingDayProfile } from '../profile/giving-day.profile';
import { SeededRandom } from '../random/seeded-random';
import type { DonationJourney, Journey } from './journey.types';
import { DEFAULT_MIX, JourneyPlanner, TrafficMix } from './journey-planner';
import { PlatformIds } from './platform-ids';

const catalog = buildCatalog('planrun', 12, 4);
const profile = new GivingDayProfile({
  durationSeconds: 100,
  day: '2026-09-09',
  baselineRate: 10,
  burstFactor: 20,
  openingAt: 0.2,
  decayMinutes: 2,
});

function journeys(seed: number, count: number, at: number, mix: TrafficMix = DEFAULT_MIX) {
  const planner = new JourneyPlanner(
    catalog,
    profile,
    mix,
    new SeededRandom(seed),
    new PlatformIds('planrun'),
  );
  return Array.from({ length: count }, () => planner.next(at));
}

const donations = (list: Journey[]) =>
  list.filter((journey): journey is DonationJourney => journey.kind === 'donation');

describe('JourneyPlanner', () => {
  it('plans the same traffic for the same seed', () => {
    expect(journeys(5, 200, 0)).toEqual(journeys(5, 200, 0));
    expect(journeys(6, 200, 0)).not.toEqual(journeys(5, 200, 0));
  });

  it('gives every donation a distinct transaction id and an occurredAt on the simulated clock', () => {
    const list = donations(journeys(1, 2000, 20_000));
    const ids = list.map((journey) => `${journey.plan.platform}|${journey.plan.txnId}`);
    expect(new Set(ids).size).toBe(list.length);
    const at = profile.simulatedAt(20_000).toISOString();
    expect(list.every((journey) => journey.plan.occurredAt.toISOString() === at)).toBe(true);
  });

  it('sends the viral campaign a much larger share at the opening than before it', () => {
    const viral = catalog.campaigns[0].campaignId;
    const share = (list: Journey[]) =>
      list.filter((journey) => journey.plan.campaign.campaignId === viral).length / list.length;
    expect(share(journeys(2, 4000, profile.opensAfterMs))).toBeGreaterThan(0.35);
    expect(share(journeys(2, 4000, 0))).toBeLessThan(0.25);
  });

  it('delivers in time order, re-sends only notifications it has, and sometimes a refund first', () => {
    const mix = { ...DEFAULT_MIX, refundRate: 0.5, duplicateRate: 0.3 };
    const list = donations(journeys(3, 2000, 0, mix));
    let refundFirst = 0;
    for (const { deliveries, notifications, plan } of list) {
      const times = deliveries.map((delivery) => delivery.atMs);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(deliveries.every((d) => d.notification < notifications.length)).toBe(true);
      const refunded = plan.refunds.reduce((sum, refund) => sum + refund.amountMinor, 0);
      expect(refunded).toBeLessThanOrEqual(plan.amountMinor);
      const first = notifications[deliveries[0].notification];
      if (first.kind === 'refund') refundFirst += 1;
    }
    expect(list.filter((journey) => journey.plan.refunds.length > 0).length).toBeGreaterThan(800);
    expect(refundFirst).toBeGreaterThan(150);
    expect(list.some((journey) => journey.deliveries.some((d) => d.duplicate))).toBe(true);
  });

  it('mixes in malformed requests at the configured rate', () => {
    const list = journeys(4, 5000, 0, { ...DEFAULT_MIX, malformedRate: 0.1 });
    const malformed = list.filter((journey) => journey.kind === 'malformed').length;
    expect(malformed).toBeGreaterThan(400);
    expect(malformed).toBeLessThan(600);
  });
});
