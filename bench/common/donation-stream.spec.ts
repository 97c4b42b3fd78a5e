import { DonationEventV1, parseDonationEvent } from '@donations/contracts';
import { DonationMessage, DonationStream } from './donation-stream';

const shape = { events: 5_000, campaigns: 200, charities: 20, seed: 7 };

function eventsOf(messages: readonly DonationMessage[]): DonationEventV1[] {
  return messages.map((message) => {
    const parsed = parseDonationEvent(JSON.parse(message.value));
    if (!parsed.ok) throw new Error(parsed.issues.join('; '));
    return parsed.event;
  });
}

describe('DonationStream', () => {
  it('gives the same bytes for the same shape and seed', () => {
    const first = new DonationStream(shape).next(shape.events);
    const second = new DonationStream(shape).next(shape.events);
    expect(second).toEqual(first);
    expect(new DonationStream({ ...shape, seed: 8 }).next(10)).not.toEqual(first.slice(0, 10));
  });

  it('produces valid events keyed by campaign, and counts what it produced', () => {
    const stream = new DonationStream(shape);
    const messages = stream.next(shape.events);
    const events = eventsOf(messages);
    expect(messages.every((message, i) => message.key === events[i].campaignId)).toBe(true);
    const distinct = new Set(events.map((event) => event.eventId)).size;
    const { donations, refunds, duplicates } = stream.truth;
    expect(donations + refunds + duplicates).toBe(shape.events);
    expect(distinct).toBe(donations + refunds);
    expect(refunds).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
    expect(stream.truth.byCurrency.get('CNY')?.donationCount).toBeGreaterThan(0n);
  });

  it('never refunds more than the donation, and refunds only known donations', () => {
    const events = eventsOf(new DonationStream(shape).next(shape.events));
    const unique = [...new Map(events.map((event) => [event.eventId, event])).values()];
    const donated = new Map<string, number>();
    const refunded = new Map<string, number>();
    for (const event of unique) {
      const key = `${event.platform}|${event.platformTxnId}`;
      const into = event.type === 'donation.completed' ? donated : refunded;
      into.set(key, (into.get(key) ?? 0) + event.amountMinor);
    }
    for (const [key, amount] of refunded) {
      expect(donated.has(key)).toBe(true);
      expect(amount).toBeLessThanOrEqual(donated.get(key)!);
    }
  });

  it('opens a campaign per donation in the memory shape', () => {
    const stream = new DonationStream({ ...shape, campaigns: 'per-donation' });
    stream.next(shape.events);
    expect(stream.truth.campaigns).toBe(stream.truth.donations);
  });

  describe('with donor details and late events (the statistics shape)', () => {
    const detailed = { ...shape, donorsPerPlatform: 500, donorDetails: true, lateShare: 0.05 };
    const donations = () =>
      eventsOf(new DonationStream(detailed).next(shape.events)).filter(
        (event) => event.type === 'donation.completed',
      );

    it('gives each donor one age band and region, and only where the platform sends them', () => {
      const all = donations();
      const byDonor = new Map<string, string>();
      for (const { platform, donor } of all) {
        const details = `${donor.ageBand ?? '-'}|${donor.region ?? '-'}`;
        expect(byDonor.get(donor.hash) ?? details).toBe(details);
        byDonor.set(donor.hash, details);
        if (platform === 'jd') expect(donor.region).toBeUndefined();
        if (platform !== 'alipay' && platform !== 'tencent') expect(donor.ageBand).toBeUndefined();
      }
      expect(all.some((event) => event.donor.ageBand !== undefined)).toBe(true);
      expect(new Set(all.map((event) => event.donor.region)).size).toBeGreaterThan(10);
    });

    it('counts the distinct donors who gave', () => {
      const stream = new DonationStream(detailed);
      const events = eventsOf(stream.next(shape.events));
      const distinct = new Set(
        events.filter((e) => e.type === 'donation.completed').map((e) => e.donor.hash),
      );
      expect(stream.truth.donors).toBe(distinct.size);
    });

    it('lets some donations occur before the ones produced ahead of them', () => {
      const times = donations().map((event) => Date.parse(event.occurredAt));
      const late = times.filter((time, i) => i > 0 && time < times[i - 1] - 60_000);
      expect(late.length).toBeGreaterThan(0);
      expect(late.length).toBeLessThan(times.length * 0.1);
    });
  });
});
