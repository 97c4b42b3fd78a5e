import { AMOUNT_BUCKET_BOUNDS_MINOR, DonationEventV1 } from '@donations/contracts';

/** Totals per scope as the Redis hash must hold them, from the distinct events, without the fold. */
export type ExpectedHash = Record<string, string>;

export function distinctEvents(events: readonly DonationEventV1[]): DonationEventV1[] {
  return [...new Map(events.map((event) => [event.eventId, event])).values()];
}

function addTo(hash: Record<string, number>, field: string, by: number): void {
  hash[field] = (hash[field] ?? 0) + by;
}

const asStrings = (hash: Record<string, number>): ExpectedHash =>
  Object.fromEntries(Object.entries(hash).map(([field, value]) => [field, String(value)]));

/** `<currency>:raised|refunded|donations|refunds` per group of `groupOf` (undefined: left out). */
export function expectedTotals(
  distinct: readonly DonationEventV1[],
  groupOf: (event: DonationEventV1) => string | undefined,
): Map<string, ExpectedHash> {
  const groups = new Map<string, Record<string, number>>();
  for (const event of distinct) {
    const group = groupOf(event);
    if (group === undefined) continue;
    const hash = groups.get(group) ?? {};
    const donation = event.type === 'donation.completed';
    addTo(hash, `${event.currency}:${donation ? 'raised' : 'refunded'}`, event.amountMinor);
    addTo(hash, `${event.currency}:${donation ? 'donations' : 'refunds'}`, 1);
    groups.set(group, hash);
  }
  return new Map([...groups].map(([group, hash]) => [group, asStrings(hash)]));
}

/** The per-minute (or per-hour) series of the global scope by occurredAt. */
export function expectedSeries(distinct: readonly DonationEventV1[], stepMs: number): ExpectedHash {
  const hash: Record<string, number> = {};
  for (const event of distinct) {
    const millis = Date.parse(event.occurredAt);
    const bucket = new Date(millis - (millis % stepMs)).toISOString();
    const donation = event.type === 'donation.completed';
    const prefix = `${bucket}|${event.currency}|`;
    addTo(hash, `${prefix}${donation ? 'raised' : 'refunded'}`, event.amountMinor);
    addTo(hash, `${prefix}${donation ? 'donations' : 'refunds'}`, 1);
  }
  return asStrings(hash);
}

export const donationsOf = (distinct: readonly DonationEventV1[]) =>
  distinct.filter((event) => event.type === 'donation.completed');

/** Counts per contract bucket (upper bounds inclusive, last one open) of donation amounts. */
export function expectedBuckets(amounts: readonly number[]): number[] {
  const bounds: (number | null)[] = [...AMOUNT_BUCKET_BOUNDS_MINOR, null];
  return bounds.map((upTo, index) => {
    const lower = index === 0 ? 0 : (bounds[index - 1] as number);
    return amounts.filter((amount) => amount > lower && (upTo === null || amount <= upTo)).length;
  });
}

export const distinctCount = (values: readonly string[]): number => new Set(values).size;

/** Net minor units of one currency per campaign or charity (`idOf`), refunds subtracted. */
export function expectedNet(
  distinct: readonly DonationEventV1[],
  idOf: (event: DonationEventV1) => string,
  currency: string,
): Map<string, number> {
  const net = new Map<string, number>();
  for (const event of distinct.filter((e) => e.currency === currency)) {
    const signed = event.type === 'donation.completed' ? event.amountMinor : -event.amountMinor;
    net.set(idOf(event), (net.get(idOf(event)) ?? 0) + signed);
  }
  return net;
}

/** Distinct donors (of donations) per campaign or charity. */
export function expectedDonors(
  distinct: readonly DonationEventV1[],
  idOf: (event: DonationEventV1) => string,
): Map<string, number> {
  const donors = new Map<string, Set<string>>();
  for (const event of donationsOf(distinct)) {
    const set = donors.get(idOf(event)) ?? new Set<string>();
    donors.set(idOf(event), set.add(event.donor.hash));
  }
  return new Map([...donors].map(([id, set]) => [id, set.size]));
}

export interface ExpectedBucketStats {
  raisedMinor: number;
  donationCount: number;
  refundedMinor: number;
  refundCount: number;
}

/** Per step bucket (UTC start, by occurredAt) and currency, what happened in it. */
export function expectedPoints(
  distinct: readonly DonationEventV1[],
  stepMs: number,
): Map<string, Record<string, ExpectedBucketStats>> {
  const points = new Map<string, Record<string, ExpectedBucketStats>>();
  for (const event of distinct) {
    const millis = Date.parse(event.occurredAt);
    const at = new Date(millis - (millis % stepMs)).toISOString();
    const perCurrency = points.get(at) ?? {};
    const stats = (perCurrency[event.currency] ??= {
      raisedMinor: 0,
      donationCount: 0,
      refundedMinor: 0,
      refundCount: 0,
    });
    if (event.type === 'donation.completed') {
      stats.raisedMinor += event.amountMinor;
      stats.donationCount += 1;
    } else {
      stats.refundedMinor += event.amountMinor;
      stats.refundCount += 1;
    }
    points.set(at, perCurrency);
  }
  return points;
}

/** What a scope's overview must say, from the distinct events in it (donors left to HLL checks). */
export function expectedOverviewFigures(inScope: readonly DonationEventV1[]) {
  const donations = donationsOf(inScope);
  const countBy = (keyOf: (event: DonationEventV1) => string): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const event of donations) addTo(counts, keyOf(event), 1);
    return counts;
  };
  const currencies = [...new Set(inScope.map((event) => event.currency))].sort();
  return {
    totals: Object.fromEntries(
      currencies.map((currency) => {
        const of = (type: DonationEventV1['type']) =>
          inScope.filter((e) => e.currency === currency && e.type === type);
        const raised = of('donation.completed').reduce((sum, e) => sum + e.amountMinor, 0);
        const refunded = of('donation.refunded').reduce((sum, e) => sum + e.amountMinor, 0);
        return [
          currency,
          {
            raisedMinor: raised,
            refundedMinor: refunded,
            netMinor: raised - refunded,
            donationCount: of('donation.completed').length,
            refundCount: of('donation.refunded').length,
            bucketCounts: expectedBuckets(of('donation.completed').map((e) => e.amountMinor)),
          },
        ];
      }),
    ),
    platformCounts: countBy((event) => event.platform),
    ageBands: countBy((event) => event.donor.ageBand ?? 'unknown'),
  };
}
