import type { DonationEventV1 } from '@donations/contracts';

/** Every order in which three refunds of one transaction can arrive (indexes into their list). */
export const THREE_REFUND_ORDERS: readonly (readonly number[])[] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/** The refunded amount the events add up to, each distinct eventId once (as the ledger counts). */
export function refundedOnce(events: readonly DonationEventV1[]): number {
  const distinct = new Map(
    events.filter((e) => e.type === 'donation.refunded').map((e) => [e.eventId, e.amountMinor]),
  );
  return [...distinct.values()].reduce((sum, amount) => sum + amount, 0);
}
