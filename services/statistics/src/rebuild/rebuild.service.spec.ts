import type { MetricsService } from '@donations/observability';
import { waitFor } from '@donations/testing';
import type { StatisticsConfig } from '../config/statistics.config';
import type { RebuildMarker, RebuildTarget } from './rebuild-progress';
import type { RebuildStateRepository, StoredState } from './rebuild-state.repository';
import { RebuildService } from './rebuild.service';
import type { TopicOffsetsReader } from './topic-offsets.reader';

/** The marker and offsets as Redis would keep them, in memory: this spec is about the service. */
class MarkerInMemory implements Pick<RebuildStateRepository, 'read' | 'begin' | 'complete'> {
  marker: RebuildMarker | undefined;

  read(): Promise<StoredState> {
    return Promise.resolve({ marker: this.marker, stored: new Map() });
  }

  begin(
    id: string,
    startedAt: Date,
    target: RebuildTarget,
    deadLetteredBelow: ReadonlyMap<number, string>,
  ): Promise<string> {
    this.marker ??= {
      id,
      status: 'rebuilding',
      startedAt: startedAt.toISOString(),
      target,
      deadLetteredBelow,
    };
    return Promise.resolve(this.marker.id);
  }

  complete(): Promise<boolean> {
    if (this.marker) this.marker = { ...this.marker, status: 'live' };
    return Promise.resolve(this.marker !== undefined);
  }
}

/** A broker that fails the first `failures` reads of the topic's ends. */
function offsetsReader(failures: number, committed: Map<number, string>) {
  let calls = 0;
  return {
    forgetEarliest: () => undefined,
    ends: () => {
      calls += 1;
      return calls <= failures
        ? Promise.reject(new Error('This server does not host this topic-partition'))
        : Promise.resolve([{ partition: 0, low: '0', high: '0' }]);
    },
    committed: () => Promise.resolve(committed),
  } as unknown as TopicOffsetsReader;
}

const metrics = { counter: () => ({ inc: () => undefined }) } as unknown as MetricsService;

function service(states: MarkerInMemory, offsets: TopicOffsetsReader): RebuildService {
  const config = {
    STATISTICS_GROUP_ID: 'statistics',
    // A check interval far longer than the test: only the retry after a failure can help.
    STATISTICS_STATE_CHECK_INTERVAL_MS: 600_000,
  } as StatisticsConfig;
  return new RebuildService(states as unknown as RebuildStateRepository, offsets, config, metrics);
}

describe('RebuildService', () => {
  it('tries a failed check again within a second, whatever the interval', async () => {
    const states = new MarkerInMemory();
    const rebuild = service(states, offsetsReader(2, new Map()));
    await rebuild.onApplicationBootstrap();
    try {
      expect(states.marker).toBeUndefined();
      expect((await rebuild.state()).status).toBe('rebuilding');
      await waitFor(() => states.marker !== undefined, {
        timeoutMs: 5_000,
        description: 'the marker begun by a retried check',
      });
      expect((await rebuild.state()).status).toBe('live');
    } finally {
      rebuild.onApplicationShutdown();
    }
  });

  it('knows which dead letters went out before the state was lost, from the committed offsets', async () => {
    const states = new MarkerInMemory();
    const rebuild = service(states, offsetsReader(0, new Map([[0, '5']])));
    expect(rebuild.alreadyDeadLettered(0, '0')).toBe(false);
    await rebuild.onApplicationBootstrap();
    try {
      expect(states.marker?.deadLetteredBelow).toEqual(new Map([[0, '5']]));
      expect(rebuild.alreadyDeadLettered(0, '4')).toBe(true);
      expect(rebuild.alreadyDeadLettered(0, '5')).toBe(false);
      expect(rebuild.alreadyDeadLettered(1, '0')).toBe(false);
    } finally {
      rebuild.onApplicationShutdown();
    }
  });
});
