import type { Platform } from '@donations/contracts';
import type { SimCampaign } from '../catalog/campaign-catalog';
import type { SimCurrency } from '../profile/amounts';
import type { DonorTraits } from '../profile/donors';

/** One refund of a donation; `cumulativeMinor` is what Alipay's refund_fee and Stripe report. */
export interface RefundPlan {
  refundId: string;
  amountMinor: number;
  cumulativeMinor: number;
  occurredAt: Date;
}

/** A donation as the platform knows it, with what will happen to it. */
export interface DonationPlan {
  platform: Platform;
  campaign: SimCampaign;
  /** The platform's transaction id: trade_no, transaction_id, PaymentIntent, orderNo, orderId. */
  txnId: string;
  amountMinor: number;
  currency: SimCurrency;
  /** Simulated platform time of the payment. */
  occurredAt: Date;
  donor: DonorTraits & { userId: string };
  refunds: RefundPlan[];
}

/**
 * A message the platform sends about a donation: the payment, Stripe's second report of the same
 * payment (charge.succeeded after checkout.session.completed), or one of its refunds.
 */
export type Notification =
  { kind: 'paid' } | { kind: 'charge' } | { kind: 'refund'; refund: number };

/** When (ms after the journey starts) a notification goes out; re-sends are duplicates. */
export interface PlannedDelivery {
  notification: number;
  atMs: number;
  duplicate: boolean;
}

export interface DonationJourney {
  kind: 'donation';
  plan: DonationPlan;
  notifications: Notification[];
  /** In delivery order; delivered one after the other, never two at once. */
  deliveries: PlannedDelivery[];
}

/** Bad requests a platform (or an attacker) sends: each must get a 4xx and land on the DLQ. */
export const MALFORMED_KINDS = [
  'bad-signature',
  'broken-body',
  'stale-timestamp',
  'unknown-campaign',
  'signtest-probe',
] as const;

export type MalformedKind = (typeof MALFORMED_KINDS)[number];

export interface MalformedJourney {
  kind: 'malformed';
  malformed: MalformedKind;
  /** A well-formed donation the bad request is made from. */
  plan: DonationPlan;
}

export type Journey = DonationJourney | MalformedJourney;
