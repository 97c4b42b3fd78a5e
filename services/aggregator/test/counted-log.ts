import type { DonationCountedV1, DonationEventV1 } from '@donations/contracts';
import type { CollectedMessage } from '@donations/testing';

type Counted = CollectedMessage<DonationCountedV1>;

export interface FencedLog {
  /** The messages a projection applies: per partition, source offsets above the last applied. */
  readonly applied: Counted[];
  /** The messages it skips (a republication by the relay). */
  readonly dropped: Counted[];
  /** Messages on another partition than their source partition. */
  readonly misplaced: Counted[];
}

/**
 * What a projection does with donations.counted.v1: per partition, in log order, it applies a
 * message whose source offset is above the last one it applied, and skips any other. O(1) state.
 */
export function fenced(messages: readonly Counted[]): FencedLog {
  const last = new Map<number, bigint>();
  const log: FencedLog = { applied: [], dropped: [], misplaced: [] };
  const ordered = [...messages].sort(
    (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  for (const message of ordered) {
    const { partition, offset } = message.value.source;
    if (partition !== message.partition) log.misplaced.push(message);
    const source = BigInt(offset);
    if (source <= (last.get(partition) ?? -1n)) {
      log.dropped.push(message);
    } else {
      last.set(partition, source);
      log.applied.push(message);
    }
  }
  return log;
}

/** The events the fold of the stream counts: counted ones, less the refunds taken back. */
export function countedEvents(applied: readonly Counted[]): DonationEventV1[] {
  const takenBack = new Set(applied.flatMap(({ value }) => value.takenBack.map((r) => r.eventId)));
  return applied
    .filter(({ value }) => value.decision === 'counted' && !takenBack.has(value.event.eventId))
    .map(({ value }) => value.event);
}

/** `partition:offset` of the first occurrence of each eventId of donations.normalized.v1. */
export function firstOccurrences(log: readonly CollectedMessage<DonationEventV1>[]): string[] {
  const ordered = [...log].sort(
    (a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
  );
  const seen = new Set<string>();
  const firsts: string[] = [];
  for (const { value, partition, offset } of ordered) {
    if (seen.has(value.eventId)) continue;
    seen.add(value.eventId);
    firsts.push(`${partition}:${offset}`);
  }
  return firsts.sort();
}

export const sourceOf = ({ value }: Counted): string =>
  `${value.source.partition}:${value.source.offset}`;
