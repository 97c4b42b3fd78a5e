import { DonationEventV1, DonationRefundedV1 } from '@donations/contracts';
import { decideRefund, recheckOnDonation, transactionKey } from './refund.fold';

/** What the ledger already holds for one platform transaction (before the batch). */
export interface LedgerTransaction {
  /** The counted donation's amount, when the donation is in the ledger. */
  readonly donationMinor: bigint | undefined;
  /** Refunds counted so far; all pending (checked again on the donation) while it is missing. */
  readonly countedRefunds: readonly DonationRefundedV1[];
}

export interface BatchRefundDecisions {
  /** The batch's new events that are counted, in batch order. */
  readonly counted: readonly DonationEventV1[];
  /** New refunds of the batch that are dead-lettered and never counted. */
  readonly rejected: readonly DonationRefundedV1[];
  /** Refunds counted by an earlier batch that a donation of this batch shows to exceed it. */
  readonly reversed: readonly DonationRefundedV1[];
}

interface TransactionState {
  donationMinor: bigint | undefined;
  refundedMinor: bigint;
  pending: DonationRefundedV1[];
}

/**
 * Applies the refund rule (refund.fold.ts) to a batch's new events, in batch order, starting from
 * what the ledger holds for their platform transactions. Pure.
 */
export function decideBatchRefunds(
  newEvents: readonly DonationEventV1[],
  ledger: ReadonlyMap<string, LedgerTransaction>,
): BatchRefundDecisions {
  const states = new Map<string, TransactionState>();
  const priorIds = new Set<string>();
  const dropped = new Set<string>();
  const rejected: DonationRefundedV1[] = [];
  const reversed: DonationRefundedV1[] = [];
  for (const event of newEvents) {
    const key = transactionKey(event);
    const state = states.get(key) ?? initialState(ledger.get(key), priorIds);
    states.set(key, state);
    const outcome =
      event.type === 'donation.completed'
        ? onDonation(state, BigInt(event.amountMinor))
        : onRefund(state, event);
    for (const refund of outcome) {
      dropped.add(refund.eventId);
      (priorIds.has(refund.eventId) ? reversed : rejected).push(refund);
    }
  }
  const counted = newEvents.filter((event) => !dropped.has(event.eventId));
  return { counted, rejected, reversed };
}

function initialState(
  prior: LedgerTransaction | undefined,
  priorIds: Set<string>,
): TransactionState {
  const counted = prior?.countedRefunds ?? [];
  counted.forEach((refund) => priorIds.add(refund.eventId));
  const donationMinor = prior?.donationMinor;
  return {
    donationMinor,
    refundedMinor: counted.reduce((sum, refund) => sum + BigInt(refund.amountMinor), 0n),
    pending: donationMinor === undefined ? [...counted] : [],
  };
}

/** The donation arrives: pending refunds are checked again; returns those to dead-letter. */
function onDonation(state: TransactionState, amount: bigint): readonly DonationRefundedV1[] {
  const { kept, deadLetter } = recheckOnDonation(amount, state.pending);
  state.donationMinor = amount;
  state.refundedMinor = kept.reduce((sum, refund) => sum + BigInt(refund.amountMinor), 0n);
  state.pending = [];
  return deadLetter;
}

/** A refund arrives: counted (maybe pending) or dead-lettered; returns it when dead-lettered. */
function onRefund(state: TransactionState, refund: DonationRefundedV1): DonationRefundedV1[] {
  const amount = BigInt(refund.amountMinor);
  const decision = decideRefund(state.donationMinor, state.refundedMinor, amount);
  if (decision.verdict === 'reject') return [refund];
  state.refundedMinor += amount;
  if (decision.pending) state.pending.push(refund);
  return [];
}
