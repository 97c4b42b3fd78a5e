import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import type { StatisticsConfig } from '../config/statistics.config';
import { REDIS, STATISTICS_CONFIG } from '../connections/connections.tokens';
import { statsMulti, StatsRedis } from '../stats/stats.commands';
import { ActiveGeneration } from '../generations/active-generation';
import { generationKey, keysOf } from '../generations/generation-keys';
import { encodeOffsets, encodeTarget, markerOf } from './rebuild-marker.codec';
import type { RebuildMarker, RebuildTarget } from './rebuild-progress';

/**
 * The rebuild marker of a group's state: hash id, status (rebuilding|live), startedAt,
 * completedAt, target and deadLettered (JSON). Under `stats:meta:` with the other bookkeeping: it
 * goes with the statistics when Redis is flushed or restarts empty, which is how its absence says
 * so.
 */
export const rebuildMarkerKey = (groupId: string, topic: string): string =>
  `stats:meta:rebuild:${groupId}:${topic}`;

/** Creates the marker unless one exists; returns the id of the marker in place. */
const BEGIN_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('HGET', KEYS[1], 'id') end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'status', 'rebuilding', 'startedAt', ARGV[2], 'target', ARGV[3],
  'deadLettered', ARGV[4])
return ARGV[1]
`;

/** Marks the rebuild `ARGV[1]` live, unless the marker is another one by now. */
const COMPLETE_LUA = `
if redis.call('HGET', KEYS[1], 'id') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', 'live', 'completedAt', ARGV[2])
return 1
`;

export interface StoredState {
  readonly marker: RebuildMarker | undefined;
  /** The stored next offset per partition (the batch scripts keep them). */
  readonly stored: ReadonlyMap<number, string>;
}

/**
 * The rebuild marker and the stored offsets of the service's group, in Redis: the active
 * generation's unless one is named (a shadow rebuild's generation has its own marker).
 */
@Injectable()
export class RebuildStateRepository {
  private readonly groupId: string;

  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(STATISTICS_CONFIG) config: StatisticsConfig,
    @Inject(ActiveGeneration) private readonly active: ActiveGeneration,
  ) {
    this.groupId = config.STATISTICS_GROUP_ID;
  }

  markerKey(generation: number): string {
    return generationKey(rebuildMarkerKey(this.groupId, TOPICS.donationsCounted), generation);
  }

  offsetsKey(generation: number): string {
    return keysOf(generation).offsets(this.groupId, TOPICS.donationsCounted);
  }

  /** The marker and the offsets, read in one round trip. */
  async read(generation?: number): Promise<StoredState> {
    const g = generation ?? (await this.active.current());
    const [marker, offsets] = (await statsMulti(this.redis)
      .hGetAll(this.markerKey(g))
      .hGetAll(this.offsetsKey(g))
      .exec()) as Record<string, string>[];
    return {
      marker: markerOf(marker),
      stored: new Map(
        Object.entries(offsets).map(([partition, next]) => [Number(partition), next]),
      ),
    };
  }

  /** Begins a rebuild unless a marker exists already; returns the id in place. */
  async begin(
    id: string,
    startedAt: Date,
    target: RebuildTarget,
    deadLetteredBelow: ReadonlyMap<number, string>,
    generation?: number,
  ): Promise<string> {
    const g = generation ?? (await this.active.current());
    const inPlace = await this.redis.eval(BEGIN_LUA, {
      keys: [this.markerKey(g)],
      arguments: [
        id,
        startedAt.toISOString(),
        encodeTarget(target),
        encodeOffsets(deadLetteredBelow),
      ],
    });
    return inPlace as string;
  }

  /** Marks the rebuild done; false when the marker is another rebuild's by now. */
  async complete(id: string, completedAt: Date): Promise<boolean> {
    const done = await this.redis.eval(COMPLETE_LUA, {
      keys: [this.markerKey(await this.active.current())],
      arguments: [id, completedAt.toISOString()],
    });
    return done === 1;
  }
}
