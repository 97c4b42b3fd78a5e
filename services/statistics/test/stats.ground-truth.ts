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
