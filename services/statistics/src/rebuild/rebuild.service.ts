import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { BatchConsumerServer } from '@donations/kafka';
import { MetricsService, ReadinessCheck } from '@donations/observability';
import type { StatisticsConfig } from '../config/statistics.config';
import { STATISTICS_CONFIG } from '../connections/connections.tokens';
import {
  RebuildMarker,
  rebuildProgress,
  StatsState,
  statsStateOf,
  targetOf,
} from './rebuild-progress';
import { RebuildStateRepository } from './rebuild-state.repository';
import { TopicOffsetsReader } from './topic-offsets.reader';

/** How soon a failed state check is tried again (sooner when the check interval is shorter). */
const CHECK_RETRY_MS = 1_000;

/** The consumer whose partitions go back to the stored (or earliest) offsets after a reset. */
export type RepositionableConsumer = Pick<BatchConsumerServer, 'seekToStored'>;

/**
 * Keeps the statistics' state honest about itself. Redis keeps nothing on disk: when the rebuild
 * marker is missing (first start, Redis restarted empty or flushed), it begins a rebuild with the
 * end offsets of the log as target, and the consumer reads from the earliest offsets (no stored
 * offset there). When the marker changes under a running consumer (the state was reset meanwhile)
 * its partitions go back to the stored or earliest offsets. Once the stored offsets reach the
 * target, the marker turns live. Checked every STATISTICS_STATE_CHECK_INTERVAL_MS, at once when a
 * batch is refused because the state is gone, and again within a second after a failed check.
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RebuildService.name);
  private readonly rebuilds: ReturnType<MetricsService['counter']>;
  private consumer?: RepositionableConsumer;
  /** The marker this process consumes under; undefined until the first check. */
  private knownId?: string;
  /** The current marker's deadLetteredBelow, as of the last check. */
  private deadLetteredBelow: ReadonlyMap<number, string> = new Map();
  private checking?: Promise<void>;
  private checkAgain = false;
  private timer?: NodeJS.Timeout;
  private retry?: NodeJS.Timeout;
  private shutDown = false;

  constructor(
    @Inject(RebuildStateRepository) private readonly states: RebuildStateRepository,
    @Inject(TopicOffsetsReader) private readonly offsets: TopicOffsetsReader,
    @Inject(STATISTICS_CONFIG) private readonly config: StatisticsConfig,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.rebuilds = metrics.counter(
      'statistics_rebuilds_total',
      'Rebuilds of the statistics from the earliest offsets, begun because the state was gone',
    );
  }

  /** The batch consumer to reposition when the state is reset under it. */
  useConsumer(consumer: RepositionableConsumer): void {
    this.consumer = consumer;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.check().catch((error: unknown) => this.checkFailed(error));
    this.timer = setInterval(
      () => this.checkInBackground(),
      this.config.STATISTICS_STATE_CHECK_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    this.shutDown = true;
    clearInterval(this.timer);
    clearTimeout(this.retry);
  }

  /** What the figures are right now: live, or rebuilding with progress. */
  async state(): Promise<StatsState> {
    const { marker, stored } = await this.states.read();
    return statsStateOf(marker, stored);
  }

  /** For /health/ready: the state as details; ready either way (dashboards keep reading). */
  readiness(): ReadinessCheck {
    return {
      name: 'statistics',
      check: async () => {
        const { status, ...details } = await this.state();
        return { state: status, ...details };
      },
    };
  }

  /**
   * Whether the dead letter of this message went out before the state was lost (so a rebuild
   * reading it again does not publish it twice). Unsure (no check yet, another instance's new
   * marker not seen yet) answers false: a dead letter twice, never none.
   */
  alreadyDeadLettered(partition: number, offset: string): boolean {
    const below = this.deadLetteredBelow.get(partition);
    return below !== undefined && BigInt(offset) < BigInt(below);
  }

  /** A batch was refused for want of state: check now rather than at the next tick. */
  stateGone(): void {
    this.checkInBackground();
  }

  /** One check at a time; a check asked for while one runs runs again after it. */
  check(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    const run = async () => {
      do {
        this.checkAgain = false;
        await this.checkOnce();
      } while (this.checkAgain);
    };
    this.checking = run().finally(() => {
      this.checking = undefined;
    });
    return this.checking;
  }

  private async checkOnce(): Promise<void> {
    const { marker: found, stored } = await this.states.read();
    let marker = found;
    if (!marker) {
      await this.begin();
      ({ marker } = await this.states.read());
    } else if (marker.status === 'rebuilding') await this.completeIfCaughtUp(marker, stored);
    this.deadLetteredBelow = marker?.deadLetteredBelow ?? new Map();
    const id = marker?.id;
    if (this.knownId !== undefined && id !== this.knownId) {
      this.logger.warn({
        msg: 'statistics state reset or switched; seeking partitions to the stored offsets',
      });
      await this.consumer?.seekToStored();
    }
    this.knownId = id;
  }

  /** Writes a new marker, unless another instance of the group has just written one. */
  private async begin(): Promise<void> {
    this.offsets.forgetEarliest();
    const target = targetOf(await this.offsets.ends());
    // Read before this rebuild's batches commit lower offsets there.
    const deadLettered = await this.offsets.committed(this.config.STATISTICS_GROUP_ID);
    const ours = randomUUID();
    const id = await this.states.begin(ours, new Date(), target, deadLettered);
    // Another instance of the group began it first: it has logged and counted it.
    if (id !== ours) return;
    const { total } = rebuildProgress(target, new Map());
    this.rebuilds.inc();
    this.logger.warn({
      msg: 'statistics state gone; rebuilding from the earliest offsets',
      rebuild: id,
      messages: total,
      partitions: target.size,
    });
  }

  private async completeIfCaughtUp(
    marker: RebuildMarker,
    stored: ReadonlyMap<number, string>,
  ): Promise<void> {
    const { caughtUp, total } = rebuildProgress(marker.target, stored);
    if (!caughtUp) return;
    const completedAt = new Date();
    if (!(await this.states.complete(marker.id, completedAt))) return;
    this.logger.log({
      msg: 'statistics rebuilt; live',
      rebuild: marker.id,
      messages: total,
      durationMs: completedAt.getTime() - Date.parse(marker.startedAt),
    });
  }

  private checkInBackground(): void {
    void this.check().catch((error: unknown) => this.checkFailed(error));
  }

  /**
   * A failed check (Kafka or Redis did not answer) is tried again within a second, whatever the
   * interval: until a check has run, a fresh state has no marker and says "rebuilding".
   */
  private checkFailed(error: unknown): void {
    const retryMs = Math.min(CHECK_RETRY_MS, this.config.STATISTICS_STATE_CHECK_INTERVAL_MS);
    this.logger.warn({
      msg: 'statistics state check failed; trying again',
      retryMs,
      error: error instanceof Error ? error.message : String(error),
    });
    if (this.shutDown || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.checkInBackground();
    }, retryMs);
    this.retry.unref();
  }
}
