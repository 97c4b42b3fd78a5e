import { z } from 'zod';
import { isValidUscc } from '../charity/uscc';
import { isStorableInstant, isStorableText } from '../common/primitive.schemas';
import { isCurrency } from '../money/currency';
import { AGE_BANDS, Donor } from './donor';
import type { DonationEventV1 } from './donation-event.v1';
import { donationEventId } from './event-id';
import { isPlatform } from './platform';

/** zod's own pattern for `z.iso.datetime({ offset: true })`: the same strings pass. */
const DATETIME = z.regexes.datetime({ offset: true });
const DONOR_HASH = /^[0-9a-f]{64}$/;
const AGE_BAND_SET: ReadonlySet<unknown> = new Set(AGE_BANDS);

const COMPLETED_KEYS = 13;
const REFUNDED_KEYS = 14;

/**
 * A fast path for DonationEventV1Schema, which stays the contract: returns the event as zod
 * would (same fields, same key order) when `value` is certainly valid, and `undefined` whenever
 * it is not sure (anything unusual), for the caller to ask zod, which then gives the issues.
 * So it may only ever accept what zod accepts: donation-event.fast.spec.ts checks both on a
 * corpus of valid and invalid events. About ten times cheaper than zod per event, most of what
 * is left being the eventId's SHA-1.
 */
export function fastDonationEvent(value: unknown): DonationEventV1 | undefined {
  if (!isPlainObject(value)) return undefined;
  const v = value;
  const refund = v.type === 'donation.refunded';
  if (!refund && v.type !== 'donation.completed') return undefined;
  if (Object.keys(v).length !== (refund ? REFUNDED_KEYS : COMPLETED_KEYS)) return undefined;
  const donor = fastDonor(v.donor);
  if (
    donor === undefined ||
    v.schemaVersion !== 1 ||
    !isPlatform(v.platform) ||
    !isText(v.platformTxnId, 128) ||
    !isText(v.campaignId, 64) ||
    typeof v.charityId !== 'string' ||
    !isValidUscc(v.charityId) ||
    !isPositiveSafeInt(v.amountMinor) ||
    !isCurrency(v.currency) ||
    !isInstant(v.occurredAt) ||
    !isInstant(v.receivedAt) ||
    !isText(v.correlationId, 128) ||
    typeof v.eventId !== 'string' ||
    (refund && !isText(v.refundId, 128))
  ) {
    return undefined;
  }
  const refundId = refund ? (v.refundId as string) : undefined;
  const ids = { platform: v.platform, type: v.type, platformTxnId: v.platformTxnId, refundId };
  if (donationEventId(ids as Parameters<typeof donationEventId>[0]) !== v.eventId) return undefined;
  return eventOf(v, donor);
}

/** The fields in the schema's order (zod builds its output in that order). */
function eventOf(v: Record<string, unknown>, donor: Donor): DonationEventV1 {
  const event = {
    eventId: v.eventId,
    schemaVersion: 1,
    platform: v.platform,
    platformTxnId: v.platformTxnId,
    campaignId: v.campaignId,
    charityId: v.charityId,
    amountMinor: v.amountMinor,
    currency: v.currency,
    occurredAt: v.occurredAt,
    receivedAt: v.receivedAt,
    correlationId: v.correlationId,
    donor,
    type: v.type,
  } as Record<string, unknown>;
  if (v.type === 'donation.refunded') event.refundId = v.refundId;
  return event as unknown as DonationEventV1;
}

function fastDonor(value: unknown): Donor | undefined {
  if (!isPlainObject(value)) return undefined;
  const d = value;
  if (typeof d.hash !== 'string' || !DONOR_HASH.test(d.hash)) return undefined;
  const keys = Object.keys(d).length;
  const hasAge = Object.hasOwn(d, 'ageBand');
  const hasRegion = Object.hasOwn(d, 'region');
  if (keys !== 1 + Number(hasAge) + Number(hasRegion)) return undefined;
  if (hasAge && !AGE_BAND_SET.has(d.ageBand)) return undefined;
  if (hasRegion && !isText(d.region, 32)) return undefined;
  const donor: Record<string, unknown> = { hash: d.hash };
  if (hasAge) donor.ageBand = d.ageBand;
  if (hasRegion) donor.region = d.region;
  return donor as Donor;
}

/** A JSON-decoded object (zod would also take others: those go to zod). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

/** storableText(1, max): 1..max UTF-16 units, no NUL, no lone surrogate. */
function isText(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' && value.length >= 1 && value.length <= max && isStorableText(value)
  );
}

function isPositiveSafeInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && DATETIME.test(value) && isStorableInstant(value);
}
