/** A partition's offsets as the Kafka admin reports them (fetchTopicOffsets). */
export interface PartitionEnds {
  readonly partition: number;
  readonly low: string;
  readonly high: string;
}

/** Per partition, the offsets a rebuild reads: from the earliest to the end captured at its start. */
export type RebuildTarget = ReadonlyMap<number, { readonly low: string; readonly high: string }>;

/** How far a rebuild has read, in messages of donations.counted.v1. */
export interface RebuildProgress {
  /** Messages applied, from the earliest offsets on, up to the captured end offsets. */
  readonly consumed: number;
  /** Messages between the earliest offsets and the end offsets captured when the rebuild began. */
  readonly total: number;
  /** consumed / total, 1 for an empty log; 4 decimals. */
  readonly ratio: number;
}

/** What every /stats/* response and /health/ready say about the figures. */
export type StatsState =
  | { readonly status: 'live' }
  | {
      readonly status: 'rebuilding';
      /** When the rebuild began; null while the lost state is noticed and the rebuild not begun. */
      readonly startedAt: string | null;
      readonly progress: RebuildProgress | null;
    };

/** The record of the state's last (re)build, kept in Redis beside the offsets. */
export interface RebuildMarker {
  /** Changes with every rebuild: a consumer that saw another id knows the state was reset. */
  readonly id: string;
  readonly status: 'rebuilding' | 'live';
  readonly startedAt: string;
  readonly target: RebuildTarget;
  /**
   * Per partition, the offset below which the group had applied the log before the state was
   * lost (its offset committed in Kafka, which follows applied batches only): the dead letters of
   * those messages went out then, and the rebuild does not publish them again.
   */
  readonly deadLetteredBelow: ReadonlyMap<number, string>;
}

export function targetOf(ends: readonly PartitionEnds[]): RebuildTarget {
  return new Map(ends.map(({ partition, low, high }) => [partition, { low, high }]));
}

/**
 * How much of the target the stored next offsets cover: a partition without a stored offset has
 * read nothing; one stored at or past its captured end is complete (the log grew meanwhile).
 */
export function rebuildProgress(
  target: RebuildTarget,
  stored: ReadonlyMap<number, string>,
): RebuildProgress & { readonly caughtUp: boolean } {
  let consumed = 0n;
  let total = 0n;
  let caughtUp = true;
  for (const [partition, { low, high }] of target) {
    const from = BigInt(low);
    const end = BigInt(high);
    const at = BigInt(stored.get(partition) ?? low);
    if (end <= from) continue;
    total += end - from;
    consumed += at < from ? 0n : (at > end ? end : at) - from;
    if (at < end) caughtUp = false;
  }
  const ratio = total === 0n ? 1 : Math.floor((Number(consumed) / Number(total)) * 10_000) / 10_000;
  return { consumed: Number(consumed), total: Number(total), ratio, caughtUp };
}

/**
 * The state to report: live once the marker's target is read (even before the marker says so),
 * rebuilding with progress before that, and rebuilding without progress when there is no marker
 * at all (the state is gone and the rebuild has not begun yet).
 */
export function statsStateOf(
  marker: RebuildMarker | undefined,
  stored: ReadonlyMap<number, string>,
): StatsState {
  if (!marker) return { status: 'rebuilding', startedAt: null, progress: null };
  if (marker.status === 'live') return { status: 'live' };
  const { caughtUp, ...progress } = rebuildProgress(marker.target, stored);
  if (caughtUp) return { status: 'live' };
  return { status: 'rebuilding', startedAt: marker.startedAt, progress };
}

/** The `x-stats-state` header: `live`, or `rebuilding` with `consumed/total` when known. */
export function stateHeader(state: StatsState): string {
  if (state.status === 'live') return 'live';
  const { progress } = state;
  return progress
    ? `rebuilding; consumed=${progress.consumed}; total=${progress.total}`
    : 'rebuilding';
}

/** A response body with the state added: only plain JSON objects get it, anything else is kept. */
export function withState(body: unknown, state: StatsState): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const prototype: unknown = Object.getPrototypeOf(body);
  if (prototype !== Object.prototype && prototype !== null) return body;
  return { ...body, state };
}
