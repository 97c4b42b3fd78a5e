import type { DonationCountedV1, DonationEventV1 } from '@donations/contracts';
import { batchRankings, DonorRanking, foldEvent, StatsSink } from './batch.fold';

/**
 * A summed increment: a number while it is a safe integer, a bigint beyond (amounts are safe
 * integers each, but a batch's sum of them need not be; HINCRBY adds exactly in 64 bits).
 */
export type Sum = number | bigint;

/** key -> field (or member) -> the batch's summed increment. */
export type SumsByKey = Map<string, Map<string, Sum>>;

/**
 * A batch's changes summed per (key, field) for HINCRBY, per (key, member) for ZINCRBY, and its
 * PFADD members per key (each once): what the batch script sends to Redis, however many events.
 */
export class BatchSums implements StatsSink {
  readonly hashes: SumsByKey = new Map();
  readonly zsets: SumsByKey = new Map();
  readonly members = new Map<string, Set<string>>();

  incr(key: string, field: string, by: number): void {
    add(this.hashes, key, field, by);
  }

  zincr(key: string, member: string, by: number): void {
    add(this.zsets, key, member, by);
  }

  pfadd(key: string, member: string): void {
    let set = this.members.get(key);
    if (set === undefined) this.members.set(key, (set = new Set<string>()));
    set.add(member);
  }
}

function add(sums: SumsByKey, key: string, field: string, by: number): void {
  let fields = sums.get(key);
  if (fields === undefined) sums.set(key, (fields = new Map<string, Sum>()));
  fields.set(field, plus(fields.get(field) ?? 0, by));
}

/** `sum + by`, exactly: in bigint once a number would leave the safe integers. */
export function plus(sum: Sum, by: number): Sum {
  if (typeof sum === 'bigint') return sum + BigInt(by);
  const result = sum + by;
  return Number.isSafeInteger(result) ? result : BigInt(sum) + BigInt(by);
}

/** What a batch of counted messages (already past the fence) changes. */
export interface CountedFold {
  sums: BatchSums;
  rankings: DonorRanking[];
  /** The events whose figures moved: counted events and refunds taken back, in order. */
  changed: DonationEventV1[];
}

/**
 * Folds counted messages (pure): a `counted` event moves the statistics, a `not-counted` one
 * nothing; each refund it takes back moves them the other way, as if it had never counted.
 */
export function foldCounted(messages: readonly DonationCountedV1[]): CountedFold {
  const sums = new BatchSums();
  const changed: DonationEventV1[] = [];
  for (const message of messages) {
    if (message.decision === 'counted') {
      foldEvent(sums, message.event, 1);
      changed.push(message.event);
    }
    for (const refund of message.takenBack) {
      foldEvent(sums, refund, -1);
      changed.push(refund);
    }
  }
  return { sums, rankings: batchRankings(changed), changed };
}
