import type { DonationPlan, RefundPlan } from './journey.types';

/**
 * How a Stripe payment reports its refunds: an endpoint subscribes to one kind or the other, so
 * half of the payments (by their id) send refund.created (the refund object, its own re_ id and
 * amount) and the others charge.refunded (the cumulative amount_refunded). The adapter counts the
 * first kind per refund id and the second by the rises of the cumulative figure, as the ground
 * truth must.
 */
export function reportsRefundObjects(plan: DonationPlan): boolean {
  return plan.txnId.charCodeAt(plan.txnId.length - 1) % 2 === 1;
}

/** The re_ id of a refund reported as a refund object. */
export function stripeRefundId(plan: DonationPlan, refund: RefundPlan): string {
  return `re_${plan.txnId.slice(3)}_${refund.refundId}`;
}
