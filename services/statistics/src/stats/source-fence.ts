/**
 * Whether Kafka offset `a` is above `b`. Offsets are decimal strings without leading zeros
 * (KafkaOffsetSchema), so a longer one is larger and equal lengths compare as text; '' (none
 * applied yet) is below every offset. Exact past 2^53, no BigInt per message.
 */
export function offsetAbove(a: string, b: string): boolean {
  return a.length === b.length ? a > b : a.length > b.length;
}

/** Where a counted message was read in donations.normalized.v1. */
export interface Sourced {
  source: { offset: string };
}

/**
 * The messages of a batch that move the statistics, against an assumed fence `floor` (the last
 * source offset applied on the partition): each one whose source offset is above the floor and
 * above every message before it in the batch (a republished range repeats lower offsets).
 * `highestBelow` and `firstKept` tell the batch script for which stored fences the selection is
 * exact: highestBelow <= fence < firstKept.
 */
export interface FencedSelection<T extends Sourced> {
  kept: T[];
  /** The highest source offset at or below the floor in the batch; '' when none. */
  highestBelow: string;
  /** The lowest (first) kept source offset; '' when none is kept. */
  firstKept: string;
  /** The highest (last) kept source offset, the partition's new fence; '' when none is kept. */
  lastKept: string;
}

export function selectAboveFence<T extends Sourced>(
  messages: readonly T[],
  floor: string,
): FencedSelection<T> {
  const kept: T[] = [];
  let highestBelow = '';
  let highest = floor;
  for (const message of messages) {
    const offset = message.source.offset;
    if (!offsetAbove(offset, floor)) {
      if (offsetAbove(offset, highestBelow)) highestBelow = offset;
    } else if (offsetAbove(offset, highest)) {
      kept.push(message);
      highest = offset;
    }
  }
  const firstKept = kept.length === 0 ? '' : kept[0].source.offset;
  const lastKept = kept.length === 0 ? '' : highest;
  return { kept, highestBelow, firstKept, lastKept };
}
