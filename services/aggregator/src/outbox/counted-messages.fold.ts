import type { DonationCountedV1, DonationEventV1, DonationRefundedV1 } from '@donations/contracts';
import { transactionKey } from '../totals/refund.fold';

/** An event of the batch with the offset it was read at. */
export interface SourcedEvent {
  readonly message: { readonly offset: string };
  readonly value: DonationEventV1;
}

/** New events of the batch the ledger does not count, with the dead letter's reason code. */
export interface NotCounted {
  readonly events: readonly DonationEventV1[];
  readonly reason: string;
}

export interface BatchDecisions {
  /** The partition of donations.normalized.v1 the batch was read from. */
  readonly partition: number;
  /** The batch's events new to the ledger, in offset order (duplicates left out). */
  readonly fresh: readonly SourcedEvent[];
  readonly notCounted: readonly NotCounted[];
  /** Refunds counted by earlier batches that a donation of this batch takes back. */
  readonly takenBack: readonly DonationRefundedV1[];
}

/**
 * The donations.counted.v1 messages of one batch, in offset order: one per new event, `counted`
 * unless a reason says otherwise. A refund taken back goes with the first new donation of its
 * platform transaction in the batch, the one whose arrival decided it (decideBatchRefunds
 * re-checks the pending refunds on that donation). Pure.
 */
export function countedMessages(decisions: BatchDecisions): DonationCountedV1[] {
  const reasons = new Map<string, string>();
  for (const { events, reason } of decisions.notCounted) {
    for (const event of events) reasons.set(event.eventId, reason);
  }
  const takenBack = byTransaction(decisions.takenBack);
  const messages = decisions.fresh.map(({ message, value }) => {
    const reason = reasons.get(value.eventId);
    const taken = value.type === 'donation.completed' ? takeOut(takenBack, value) : [];
    return counted(decisions.partition, message.offset, value, reason, taken);
  });
  const left = [...takenBack.values()].flat();
  // decideBatchRefunds takes a refund back only on a donation of the batch: this is a guard.
  if (left.length > 0) {
    if (messages.length === 0) throw new Error('refunds taken back by a batch without events');
    messages[messages.length - 1].takenBack.push(...left);
  }
  return messages;
}

/** The messages of events PostgreSQL refused: not counted, with the dead letter's reason. */
export function refusedMessages(
  partition: number,
  refused: readonly SourcedEvent[],
  reason: string,
): DonationCountedV1[] {
  return refused.map(({ message, value }) => counted(partition, message.offset, value, reason, []));
}

/** Two offset-ordered lists of one partition's messages as one, in offset order. */
export function mergeBySource(
  a: readonly DonationCountedV1[],
  b: readonly DonationCountedV1[],
): DonationCountedV1[] {
  if (b.length === 0) return [...a];
  return [...a, ...b].sort((x, y) => compareOffsets(x.source.offset, y.source.offset));
}

function compareOffsets(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

function counted(
  partition: number,
  offset: string,
  event: DonationEventV1,
  reason: string | undefined,
  takenBack: DonationRefundedV1[],
): DonationCountedV1 {
  return {
    schemaVersion: 1,
    source: { partition, offset },
    ...(reason === undefined ? { decision: 'counted' } : { decision: 'not-counted', reason }),
    event,
    takenBack,
  };
}

function byTransaction(refunds: readonly DonationRefundedV1[]): Map<string, DonationRefundedV1[]> {
  const grouped = new Map<string, DonationRefundedV1[]>();
  for (const refund of refunds) {
    const key = transactionKey(refund);
    grouped.set(key, [...(grouped.get(key) ?? []), refund]);
  }
  return grouped;
}

function takeOut(
  grouped: Map<string, DonationRefundedV1[]>,
  donation: DonationEventV1,
): DonationRefundedV1[] {
  const key = transactionKey(donation);
  const taken = grouped.get(key);
  if (taken === undefined) return [];
  grouped.delete(key);
  return taken;
}
