import { GENERATIONS_KEY, generationKey, HOLD_KEY } from '../generations/generation-keys';
import type { DonorRanking } from './batch.fold';
import type { BatchSums, SumsByKey } from './batch.sums';

/** Where the batch goes: the partition's position on the topic and its source-offset fence. */
export interface BatchPosition {
  offsetsKey: string;
  fenceKey: string;
  metaKey: string;
  partition: number;
  firstOffset: string;
  nextOffset: string;
  /** The partition's earliest offset: where a batch may start when nothing is stored. */
  earliestOffset: string | undefined;
  /** The generation written to (0 unless given) and how: live (the active one) or shadow. */
  generation?: number;
  mode?: 'live' | 'shadow';
}

/** The fence the batch was selected against (see source-fence.ts). */
export interface BatchFence {
  highestBelow: string;
  firstKept: string;
  lastKept: string;
}

export interface ScriptCall {
  keys: string[];
  args: (string | number)[];
}

/**
 * The KEYS and ARGV of apply-batch.lua. KEYS: [offsets, fences, meta, generations, hold, ...every
 * key the sums touch, renamed into the generation] (the client's key prefix applies to all). ARGV: partition, first offset,
 * next offset, the time, earliest offset ('' unknown), the fence (highestBelow, firstKept,
 * lastKept), whether anything changes ('1'|'0'), the generation and the mode; then the HINCRBY sums (key count, then per key: key index, field
 * count, field by ...), the ZINCRBY sums (the same), the PFADD members (key count, then per key:
 * key index, member count, members), and the donor rankings (count, then board index, donors
 * index, member). Zero sums are left out.
 */
export function scriptCall(
  position: BatchPosition,
  fence: BatchFence,
  sums: BatchSums,
  rankings: readonly DonorRanking[],
  now: Date,
): ScriptCall {
  const keys = [
    position.offsetsKey,
    position.fenceKey,
    position.metaKey,
    GENERATIONS_KEY,
    HOLD_KEY,
  ];
  const indexes = new Map<string, number>();
  const indexOf = (key: string): number => {
    let index = indexes.get(key);
    if (index === undefined) {
      keys.push(generationKey(key, position.generation ?? 0));
      index = keys.length;
      indexes.set(key, index);
    }
    return index;
  };
  const changes = sums.hashes.size + sums.zsets.size + sums.members.size > 0;
  const args: (string | number)[] = [
    position.partition,
    position.firstOffset,
    position.nextOffset,
    now.toISOString(),
    position.earliestOffset ?? '',
    fence.highestBelow,
    fence.firstKept,
    fence.lastKept,
    changes ? '1' : '0',
    String(position.generation ?? 0),
    position.mode ?? 'live',
  ];
  pushSums(args, sums.hashes, indexOf);
  pushSums(args, sums.zsets, indexOf);
  args.push(sums.members.size);
  for (const [key, members] of sums.members) args.push(indexOf(key), members.size, ...members);
  args.push(rankings.length);
  for (const ranking of rankings) {
    args.push(indexOf(ranking.board), indexOf(ranking.donors), ranking.member);
  }
  return { keys, args };
}

function pushSums(
  args: (string | number)[],
  sums: SumsByKey,
  indexOf: (key: string) => number,
): void {
  const countAt = args.push(0) - 1;
  let keyCount = 0;
  for (const [key, fields] of sums) {
    const fieldCountAt = args.push(indexOf(key), 0) - 1;
    let fieldCount = 0;
    for (const [field, by] of fields) {
      if (by === 0 || by === 0n) continue;
      args.push(field, typeof by === 'bigint' ? by.toString() : by);
      fieldCount += 1;
    }
    if (fieldCount === 0) args.length -= 2;
    else {
      args[fieldCountAt] = fieldCount;
      keyCount += 1;
    }
  }
  args[countAt] = keyCount;
}
