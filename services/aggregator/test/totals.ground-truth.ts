import type { DonationEventV1 } from '@donations/contracts';

/** One totals row as the test expects it, computed from the events without the aggregator. */
export interface ExpectedRow {
  raised_minor: string;
  refunded_minor: string;
  donation_count: string;
  refund_count: string;
  by_platform: Record<string, Record<string, string>>;
  first_event_at: string;
  last_event_at: string;
}

interface Sums {
  raised: bigint;
  refunded: bigint;
  donations: bigint;
  refunds: bigint;
}

const zero = (): Sums => ({ raised: 0n, refunded: 0n, donations: 0n, refunds: 0n });

function add(sums: Sums, event: DonationEventV1): void {
  if (event.type === 'donation.completed') {
    sums.raised += BigInt(event.amountMinor);
    sums.donations += 1n;
  } else {
    sums.refunded += BigInt(event.amountMinor);
    sums.refunds += 1n;
  }
}

const asJson = (sums: Sums): Record<string, string> => ({
  raisedMinor: sums.raised.toString(),
  refundedMinor: sums.refunded.toString(),
  donationCount: sums.donations.toString(),
  refundCount: sums.refunds.toString(),
});

/**
 * The totals per `key|currency` of the distinct counted events (duplicates by eventId removed):
 * what campaign_totals (key = campaignId) or charity_totals (key = charityId) must hold.
 */
export function groundTruth(
  counted: readonly DonationEventV1[],
  keyOf: (event: DonationEventV1) => string,
): Map<string, ExpectedRow> {
  const distinct = new Map(counted.map((event) => [event.eventId, event]));
  const groups = new Map<string, DonationEventV1[]>();
  for (const event of distinct.values()) {
    const key = `${keyOf(event)}|${event.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), event]);
  }
  return new Map([...groups].map(([key, events]) => [key, expectedRow(events)]));
}

function expectedRow(events: readonly DonationEventV1[]): ExpectedRow {
  const total = zero();
  const byPlatform = new Map<string, Sums>();
  for (const event of events) {
    add(total, event);
    const sums = byPlatform.get(event.platform) ?? zero();
    add(sums, event);
    byPlatform.set(event.platform, sums);
  }
  const times = events.map((event) => Date.parse(event.occurredAt)).sort((a, b) => a - b);
  return {
    raised_minor: total.raised.toString(),
    refunded_minor: total.refunded.toString(),
    donation_count: total.donations.toString(),
    refund_count: total.refunds.toString(),
    by_platform: Object.fromEntries([...byPlatform].map(([p, sums]) => [p, asJson(sums)])),
    first_event_at: new Date(times[0]).toISOString(),
    last_event_at: new Date(times[times.length - 1]).toISOString(),
  };
}
