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

/** The consumer whose partitions go back to the stored (or earliest) offsets after a reset. */
export type RepositionableConsumer = Pick<BatchConsumerServer, 'seekToStored'>;

/**
 * Keeps the statistics' state honest about itself. Redis keeps nothing on disk: when the rebuild
 * marker is missing (first start, Redis restarted empty or flushed), it begins a rebuild with the
 * end offsets of the log as target, and the consumer reads from the earliest offsets (no stored
 * offset there). When the marker changes under a running consumer (the state was reset meanwhile)
 * its partitions go back to the stored or earliest offsets. Once the stored offsets reach the
 * target, the marker turns live. Checked every STATISTICS_STATE_CHECK_INTERVAL_MS, and at once
 * when a batch is refused because the state is gone.
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RebuildService.name);
  private readonly rebuilds: ReturnType<MetricsService['counter']>;
  private consumer?: RepositionableConsumer;
  /** The marker this process consumes under; undefined until the first check. */
  private knownId?: string;
  private checking?: Promise<void>;
  private checkAgain = false;
  private timer?: NodeJS.Timeout;

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
    await this.check().catch((error: unknown) => this.logCheckFailure(error));
    this.timer = setInterval(
      () => void this.check().catch((error: unknown) => this.logCheckFailure(error)),
      this.config.STATISTICS_STATE_CHECK_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
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

  /** A batch was refused for want of state: check now rather than at the next tick. */
  stateGone(): void {
    void this.check().catch((error: unknown) => this.logCheckFailure(error));
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
    const { marker, stored } = await this.states.read();
    let id = marker?.id;
    if (!marker) id = await this.begin();
    else if (marker.status === 'rebuilding') await this.completeIfCaughtUp(marker, stored);
    if (this.knownId !== undefined && id !== this.knownId) {
      this.logger.warn({ msg: 'statistics state reset; seeking partitions to the stored offsets' });
      await this.consumer?.seekToStored();
    }
    this.knownId = id;
  }

  private async begin(): Promise<string> {
    this.offsets.forgetEarliest();
    const target = targetOf(await this.offsets.ends());
    const ours = randomUUID();
    const id = await this.states.begin(ours, new Date(), target);
    // Another instance of the group began it first: it has logged and counted it.
    if (id !== ours) return id;
    const { total } = rebuildProgress(target, new Map());
    this.rebuilds.inc();
    this.logger.warn({
      msg: 'statistics state gone; rebuilding from the earliest offsets',
      rebuild: id,
      messages: total,
      partitions: target.size,
    });
    return id;
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

  private logCheckFailure(error: unknown): void {
    this.logger.warn({
      msg: 'statistics state check failed; trying again at the next tick',
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
