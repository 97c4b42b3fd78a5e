import type { DonorRanking, EventEffect } from './batch.fold';

/** Where the batch goes and what moves with it: the partition's offsets, fenced. */
export interface BatchPosition {
  offsetsKey: string;
  metaKey: string;
  partition: number;
  firstOffset: string;
  nextOffset: string;
}

export interface ScriptCall {
  keys: string[];
  args: (string | number)[];
}

/**
 * The KEYS and ARGV of apply-batch.lua: KEYS are [offsets, meta, ...every key the effects touch]
 * (so the client's key prefix applies to all); ARGV is the position, the dedupe TTL, the time,
 * the event count, then per event its dedupe key index and op count, then 4 values per op
 * (`i` key field by | `z` key member by | `p` key member 0), then the donor ranking count and
 * 3 values per ranking (board key, donors key, member).
 */
export function scriptCall(
  position: BatchPosition,
  effects: readonly EventEffect[],
  dedupeTtlSeconds: number,
  now: Date,
  rankings: readonly DonorRanking[] = [],
): ScriptCall {
  const keys = [position.offsetsKey, position.metaKey];
  const indexes = new Map<string, number>();
  const indexOf = (key: string): number => {
    let index = indexes.get(key);
    if (index === undefined) {
      keys.push(key);
      index = keys.length;
      indexes.set(key, index);
    }
    return index;
  };
  const args: (string | number)[] = [
    position.partition,
    position.firstOffset,
    position.nextOffset,
    dedupeTtlSeconds,
    now.toISOString(),
    effects.length,
  ];
  for (const effect of effects) {
    args.push(indexOf(effect.dedupeKey), effect.ops.length);
    for (const op of effect.ops) {
      switch (op.kind) {
        case 'incr':
          args.push('i', indexOf(op.key), op.field, op.by);
          break;
        case 'zincr':
          args.push('z', indexOf(op.key), op.member, op.by);
          break;
        case 'pfadd':
          args.push('p', indexOf(op.key), op.member, 0);
          break;
      }
    }
  }
  args.push(rankings.length);
  for (const ranking of rankings) {
    args.push(indexOf(ranking.board), indexOf(ranking.donors), ranking.member);
  }
  return { keys, args };
}

/**
 * The call with the partition's earliest offset appended as the last ARGV (the script reads
 * ARGV[#ARGV]): a batch on a partition without a stored offset applies only if it starts there.
 * Unknown ('') refuses every such batch.
 */
export function withEarliestOffset(
  call: ScriptCall,
  earliestOffset: string | undefined,
): ScriptCall {
  return { keys: call.keys, args: [...call.args, earliestOffset ?? ''] };
}
