import { Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import type { AnyTopicBatch, BatchingProducer } from '@donations/kafka';
import { publicationOf } from './publication.views';
import type { PublishRepository } from './publish.repository';
import type { PendingChanges, StatsChanges } from './stats-changes';

/**
 * The default pause between rounds: a key is published at most once per round (the minutes of a
 * scope: once each). Short enough that it does not set the figures' freshness; the service sets
 * it from STATISTICS_PUBLISH_INTERVAL_MS.
 */
export const PUBLISH_INTERVAL_MS = 200;
/** Scopes and minutes read and sent per MULTI and produce request. */
const ROUND_CHUNK = 500;

/**
 * Publishes stats.overview.v1 and stats.timeseries.v1: every interval, the scopes and minutes
 * counted batches changed since the last round, read from Redis with their versions and sent
 * (acks=all). A failed round puts its changes back for the next one; shutdown (after the
 * consumer stopped) waits out the interval and publishes what is left. A crash loses only the
 * changes not yet published: such a key is published again at its next change.
 *
 * While the statistics are rebuilding (Redis lost its state), nothing is published: the topics
 * keep the last complete figures instead of figures climbing back from zero. The first round
 * once they are live again publishes every scope and minute there is.
 */
export class StatsPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StatsPublisher.name);
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private lastRoundAt = -Infinity;
  private stopped = false;
  /** A round was skipped for a rebuild: the next live round republishes everything. */
  private republishAll = false;

  constructor(
    private readonly changes: StatsChanges,
    private readonly repository: Pick<PublishRepository, 'read' | 'everything'>,
    private readonly producer: Pick<BatchingProducer, 'send'>,
    /** Whether the figures are live (not rebuilding); publication waits for it. */
    private readonly isLive: () => Promise<boolean>,
    private readonly clock: () => Date = () => new Date(),
    private readonly intervalMs = PUBLISH_INTERVAL_MS,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
    const wait = this.untilNextRound();
    if (this.changes.size > 0 && wait > 0) await new Promise((done) => setTimeout(done, wait));
    await this.publishRound();
  }

  /** One round: everything pending, in chunks. Resolves once sent or put back. */
  async publishRound(): Promise<void> {
    this.lastRoundAt = this.clock().getTime();
    if (!(await this.live())) {
      this.republishAll = true;
      return;
    }
    if (this.republishAll) {
      try {
        this.changes.restore(await this.repository.everything());
        this.republishAll = false;
      } catch (error) {
        this.logger.warn({ msg: 'stats republication failed; retried next round', error });
        return;
      }
    }
    const pending = this.changes.take();
    const chunks = chunksOf(pending);
    for (const [index, chunk] of chunks.entries()) {
      try {
        await this.publish(chunk);
      } catch (error) {
        chunks.slice(index).forEach((rest) => this.changes.restore(rest));
        this.logger.warn({ msg: 'stats publication failed; retried next round', error });
        return;
      }
    }
  }

  private async publish(chunk: PendingChanges): Promise<void> {
    const now = this.clock();
    const state = await this.repository.read(chunk, now.getTime());
    const { overviews, minutes, invalid } = publicationOf(state, now.toISOString());
    for (const { scope, issue } of invalid) {
      this.logger.error({ msg: 'stats value fails its schema; not published', scope, issue });
    }
    const batches: AnyTopicBatch[] = [];
    if (overviews.length > 0) batches.push({ topic: TOPICS.statsOverview, messages: overviews });
    if (minutes.length > 0) batches.push({ topic: TOPICS.statsTimeseries, messages: minutes });
    if (batches.length > 0) await this.producer.send(batches);
  }

  private async live(): Promise<boolean> {
    try {
      return await this.isLive();
    } catch (error) {
      this.logger.warn({ msg: 'stats state unknown; publication waits', error });
      return false;
    }
  }

  private untilNextRound(): number {
    return Math.max(0, this.lastRoundAt + this.intervalMs - this.clock().getTime());
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.publishRound().finally(() => {
        this.round = undefined;
        this.schedule(this.untilNextRound());
      });
    }, delayMs);
  }
}

function chunksOf({ overviews, minutes }: PendingChanges): PendingChanges[] {
  const chunks: PendingChanges[] = [];
  for (let i = 0; i < overviews.length; i += ROUND_CHUNK) {
    chunks.push({ overviews: overviews.slice(i, i + ROUND_CHUNK), minutes: [] });
  }
  for (let i = 0; i < minutes.length; i += ROUND_CHUNK) {
    chunks.push({ overviews: [], minutes: minutes.slice(i, i + ROUND_CHUNK) });
  }
  return chunks;
}
