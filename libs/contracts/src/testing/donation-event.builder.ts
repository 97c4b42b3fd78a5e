import { randomUUID } from 'node:crypto';
import { makeUscc } from '../charity/uscc';
import { DonationCompletedV1, DonationRefundedV1 } from '../donations/donation-event.v1';
import { hashDonorId } from '../donations/donor';
import { donationEventId } from '../donations/event-id';

/** Key of the test donor hashes; production keys come from configuration. */
export const TEST_DONOR_HASH_KEY = 'test-donor-hash-key';

/** A valid charity id (a foundation registered with the Ministry of Civil Affairs). */
export const TEST_CHARITY_ID = makeUscc('53100000500021676');

type CompletedOverrides = Partial<Omit<DonationCompletedV1, 'type' | 'schemaVersion'>>;
type RefundedOverrides = Partial<Omit<DonationRefundedV1, 'type' | 'schemaVersion'>>;

function defaults(): Omit<DonationCompletedV1, 'type' | 'eventId'> {
  return {
    schemaVersion: 1,
    platform: 'alipay',
    platformTxnId: `txn-${randomUUID()}`,
    campaignId: 'campaign-1',
    charityId: TEST_CHARITY_ID,
    amountMinor: 1000,
    currency: 'CNY',
    occurredAt: '2024-09-09T10:00:00.000+08:00',
    receivedAt: '2024-09-09T10:00:01.000+08:00',
    correlationId: `corr-${randomUUID()}`,
    donor: { hash: hashDonorId(TEST_DONOR_HASH_KEY, 'alipay', 'user-1') },
  };
}

/**
 * A valid `donation.completed` event: a fresh platformTxnId per call unless given; the eventId
 * follows the (overridden) fields unless `eventId` itself is overridden.
 */
export function aDonationEvent(overrides: CompletedOverrides = {}): DonationCompletedV1 {
  const fields = { ...defaults(), ...overrides, type: 'donation.completed' as const };
  const eventId = overrides.eventId ?? donationEventId(fields);
  return { ...fields, eventId };
}

/**
 * A valid `donation.refunded` event; pass the donation's platformTxnId (and campaign) to refund
 * a given donation. A fresh refundId per call unless given.
 */
export function aRefundEvent(overrides: RefundedOverrides = {}): DonationRefundedV1 {
  const fields = {
    ...defaults(),
    refundId: `refund-${randomUUID()}`,
    ...overrides,
    type: 'donation.refunded' as const,
  };
  const eventId = overrides.eventId ?? donationEventId(fields);
  return { ...fields, eventId };
}
