import type { DonationCheckView, LedgerEventView, VerificationView } from '@donations/contracts';
import type { RegistryNames } from '../names/registry-names';

/** What a donor asked about: the platform as given, the transaction number trimmed. */
export interface CheckQuery {
  platform: string;
  txn: string;
}

const NOTHING_KNOWN = {
  campaign: null,
  charity: null,
  amountMinor: null,
  currency: null,
  refundedMinor: null,
  occurredAt: null,
  countedAt: null,
} as const;

/** The answer for a platform we do not aggregate or a number none of its transactions has. */
export function unknownView(query: CheckQuery): DonationCheckView {
  return { status: 'unknown', platform: query.platform, txn: query.txn, ...NOTHING_KNOWN };
}

const counted = (event: LedgerEventView) => event.status === 'counted';
const isDonation = (event: LedgerEventView) => event.type === 'donation.completed';
const isRefund = (event: LedgerEventView) => event.type === 'donation.refunded';

/**
 * The public answer from the ledger's rows of one transaction (undefined: the ledger has none).
 * `counted` needs both the aggregator's donationCounted and a counted donation row; its refunds
 * are the counted refund rows (any: `refunded`, with their sum; a partial refund too). A
 * transaction the ledger holds but does not count (its donation dead-lettered, or only refunds
 * arrived) is `not_seen` with its campaign and, when there is one, its donation's amount: the
 * page tells such a donor it is not counted and to contact the platform. Only the figures of
 * this transaction and the registry's names are given, never a donor field.
 */
export function checkViewOf(
  query: CheckQuery,
  verification: VerificationView | undefined,
  names: RegistryNames,
): DonationCheckView {
  if (verification === undefined) {
    return { status: 'not_seen', platform: query.platform, txn: query.txn, ...NOTHING_KNOWN };
  }
  const { events } = verification;
  const countedDonation = verification.donationCounted
    ? events.find((event) => isDonation(event) && counted(event))
    : undefined;
  const donation = countedDonation ?? events.find(isDonation);
  const where = {
    platform: query.platform,
    txn: query.txn,
    campaign: {
      id: verification.campaignId,
      title: names.campaigns.get(verification.campaignId) ?? null,
    },
    charity: {
      id: verification.charityId,
      name: names.charities.get(verification.charityId) ?? null,
    },
    amountMinor: donation?.amountMinor ?? null,
    currency: donation?.currency ?? null,
    occurredAt: donation?.occurredAt ?? null,
  };
  if (countedDonation === undefined) {
    return { status: 'not_seen', ...where, refundedMinor: null, countedAt: null };
  }
  const refunded = events
    .filter((event) => isRefund(event) && counted(event))
    .reduce((sum, refund) => sum + BigInt(refund.amountMinor), 0n);
  return {
    status: refunded > 0n ? 'refunded' : 'counted',
    ...where,
    refundedMinor: refunded.toString(),
    countedAt: countedDonation.recordedAt,
  };
}
