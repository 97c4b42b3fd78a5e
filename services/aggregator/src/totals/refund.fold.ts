import { DonationRefundedV1 } from '@donations/contracts';
import { compareInstants } from './counters.fold';

export const REFUND_EXCEEDS_DONATION = 'AGGREGATE.REFUND_EXCEEDS_DONATION';

export type RefundDecision =
  | { readonly verdict: 'accept'; readonly pending: boolean }
  | { readonly verdict: 'reject'; readonly reason: typeof REFUND_EXCEEDS_DONATION };

/**
 * Decides a refund of one platform transaction when it arrives (the rule, for the whole file):
 *
 * 1. Donation known: the refund is accepted when the refunds already counted for the transaction
 *    plus this one do not exceed the donation; otherwise it is rejected (dead-lettered, never
 *    counted). Among refunds arriving after their donation, the first counted wins.
 * 2. Donation not known yet: the refund is accepted as pending and counted at once (net may go
 *    negative for a while; the topic schema allows it), because the donation may be in a later
 *    batch, and holding the refund back would need a store of its own.
 * 3. When the donation arrives, recheckOnDonation re-does the check over the pending refunds in
 *    a fixed order, (occurredAt, refundId), so that the outcome does not depend on the order in
 *    which they arrived. Those that no longer fit are dead-lettered AND reversed (foldBatch's
 *    reversedRefunds) in the same transaction as the donation.
 *
 * Why totals stay right: every refund is counted at most once, and once a transaction's donation
 * is in, its counted refunds never exceed it. A stream whose refunds fit their donation (the
 * normal case) has every refund accepted whatever the order, so the final totals are the same
 * for "refund then donation" as for "donation then refund". When refunds over-spend, which one is
 * dead-lettered may depend on arrival order, but the totals always hold a consistent set.
 */
export function decideRefund(
  donationAmountMinor: bigint | undefined,
  refundedSoFarMinor: bigint,
  refundAmountMinor: bigint,
): RefundDecision {
  if (donationAmountMinor === undefined) {
    return { verdict: 'accept', pending: true };
  }
  if (refundedSoFarMinor + refundAmountMinor > donationAmountMinor) {
    return { verdict: 'reject', reason: REFUND_EXCEEDS_DONATION };
  }
  return { verdict: 'accept', pending: false };
}

export interface DonationArrival {
  /** Pending refunds that fit the donation: they stay counted. */
  readonly kept: readonly DonationRefundedV1[];
  /** Pending refunds that exceed it: dead-letter them with the reason and reverse them. */
  readonly deadLetter: readonly DonationRefundedV1[];
}

/** Rule 3 of decideRefund: the check re-done over the pending refunds when the donation arrives. */
export function recheckOnDonation(
  donationAmountMinor: bigint,
  pendingRefunds: readonly DonationRefundedV1[],
): DonationArrival {
  const kept: DonationRefundedV1[] = [];
  const deadLetter: DonationRefundedV1[] = [];
  let refunded = 0n;
  for (const refund of [...pendingRefunds].sort(byOccurrence)) {
    const amount = BigInt(refund.amountMinor);
    if (decideRefund(donationAmountMinor, refunded, amount).verdict === 'accept') {
      refunded += amount;
      kept.push(refund);
    } else {
      deadLetter.push(refund);
    }
  }
  return { kept, deadLetter };
}

function byOccurrence(a: DonationRefundedV1, b: DonationRefundedV1): number {
  const byTime = compareInstants(a.occurredAt, b.occurredAt);
  if (byTime !== 0) {
    return byTime;
  }
  return a.refundId < b.refundId ? -1 : a.refundId > b.refundId ? 1 : 0;
}

/** The key refunds and their donation share: one platform transaction. */
export function transactionKey(event: { platform: string; platformTxnId: string }): string {
  return `${event.platform}|${event.platformTxnId}`;
}
