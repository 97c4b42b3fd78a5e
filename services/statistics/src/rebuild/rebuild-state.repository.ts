import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import type { StatisticsConfig } from '../config/statistics.config';
import { REDIS, STATISTICS_CONFIG } from '../connections/connections.tokens';
import { statsMulti, StatsRedis } from '../stats/stats.commands';
import { statsKeys } from '../stats/stats.keys';
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

/** The rebuild marker and the stored offsets of the service's group, in Redis. */
@Injectable()
export class RebuildStateRepository {
  private readonly markerKey: string;
  private readonly offsetsKey: string;

  constructor(
    @Inject(REDIS) private readonly redis: StatsRedis,
    @Inject(STATISTICS_CONFIG) config: StatisticsConfig,
  ) {
    const topic = TOPICS.donationsCounted;
    this.markerKey = rebuildMarkerKey(config.STATISTICS_GROUP_ID, topic);
    this.offsetsKey = statsKeys.offsets(config.STATISTICS_GROUP_ID, topic);
  }

  /** The marker and the offsets, read in one round trip. */
  async read(): Promise<StoredState> {
    const [marker, offsets] = (await statsMulti(this.redis)
      .hGetAll(this.markerKey)
      .hGetAll(this.offsetsKey)
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
  ): Promise<string> {
    const inPlace = await this.redis.eval(BEGIN_LUA, {
      keys: [this.markerKey],
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
      keys: [this.markerKey],
      arguments: [id, completedAt.toISOString()],
    });
    return done === 1;
  }
}
