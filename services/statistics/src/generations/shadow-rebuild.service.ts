import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { StatsGenerationView, StatsPruneView } from '@donations/contracts';
import type { StatisticsConfig } from '../config/statistics.config';
import { KAFKA_CLIENT, STATISTICS_CONFIG } from '../connections/connections.tokens';
import { rebuildProgress, targetOf } from '../rebuild/rebuild-progress';
import { RebuildStateRepository } from '../rebuild/rebuild-state.repository';
import { TopicOffsetsReader } from '../rebuild/topic-offsets.reader';
import { GenerationKeysPruner } from './generation-keys.pruner';
import { GenerationError } from './generation.errors';
import { GenerationRecord, GenerationsRepository } from './generations.repository';
import { ShadowBatches } from './shadow-batches';
import { ShadowRebuildRun } from './shadow-rebuild.run';

/**
 * Shadow rebuilds of the statistics (POST /rebuilds): a new generation filled from the earliest
 * offsets while the active one serves, switched in in one step; and the generations' list and
 * prune. A service that starts resumes a generation left building.
 */
@Injectable()
export class ShadowRebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ShadowRebuildService.name);
  private run?: ShadowRebuildRun;

  constructor(
    @Inject(GenerationsRepository) private readonly generations: GenerationsRepository,
    @Inject(RebuildStateRepository) private readonly states: RebuildStateRepository,
    @Inject(TopicOffsetsReader) private readonly offsets: TopicOffsetsReader,
    @Inject(GenerationKeysPruner) private readonly pruner: GenerationKeysPruner,
    @Inject(ShadowBatches) private readonly batches: ShadowBatches,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(STATISTICS_CONFIG) private readonly config: StatisticsConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const { building } = await this.generations.pointers();
      if (building !== undefined) await this.start();
    } catch (error) {
      this.logger.warn({ msg: 'could not check for a statistics rebuild to resume', err: error });
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.run?.stop();
  }

  /** Begins a generation, or resumes the one building; runs it here unless it runs already. */
  async start(): Promise<StatsGenerationView> {
    const now = new Date();
    const generation = await this.generations.begin(now);
    const target = targetOf(await this.offsets.ends());
    await this.states.begin(randomUUID(), now, target, new Map(), generation);
    if (this.run?.generation !== generation || !this.run.running) this.launch(generation);
    return this.view(generation);
  }

  async list(): Promise<StatsGenerationView[]> {
    const records = await this.generations.list();
    return Promise.all(records.map((record) => this.viewOf(record)));
  }

  async view(generation: number): Promise<StatsGenerationView> {
    const record = await this.generations.find(generation);
    if (!record) throw new GenerationError('STATS.NOT_FOUND', `no generation ${generation}`);
    return this.viewOf(record);
  }

  /** Removes a retired generation's keys (never the active one, never one building). */
  async prune(generation: number, dryRun: boolean): Promise<StatsPruneView> {
    const { active, building } = await this.generations.pointers();
    if (generation === active || generation === building) {
      const what = generation === active ? 'active' : 'building';
      throw new GenerationError('STATS.GENERATION_IN_USE', `generation ${generation} is ${what}`);
    }
    await this.view(generation);
    const removed = await this.pruner.prune(generation, dryRun);
    if (!dryRun) await this.generations.markPruned(generation, new Date());
    this.logger.log({ msg: 'statistics generation pruned', generation, dryRun, ...removed });
    return { generation, dryRun, ...removed };
  }

  private launch(generation: number): void {
    const { config } = this;
    const run = new ShadowRebuildRun(
      generation,
      {
        kafka: this.kafka,
        generations: this.generations,
        offsetStore: this.batches.offsetStore(generation),
        apply: this.batches.applier(generation),
        behind: () => this.batches.behind(generation),
        switchKeys: (active) => ({
          liveOffsets: this.states.offsetsKey(active),
          shadowOffsets: this.states.offsetsKey(generation),
          shadowMarker: this.states.markerKey(generation),
        }),
        clock: () => new Date(),
      },
      {
        groupId: config.STATISTICS_GROUP_ID,
        topicPrefix: config.TOPIC_PREFIX,
        switchLag: config.STATISTICS_SWITCH_LAG,
        switchWithinMs: config.STATISTICS_SWITCH_WITHIN_MS,
        checkIntervalMs: 200,
      },
    );
    this.run = run;
    this.logger.log({ msg: 'statistics shadow rebuild running', generation });
    void run.run();
  }

  private async viewOf(record: GenerationRecord): Promise<StatsGenerationView> {
    const here = this.run?.generation === record.generation ? this.run : undefined;
    const building = record.state === 'building';
    return {
      ...record,
      runningHere: here?.running ?? false,
      lag: building ? (here?.lag ?? null) : null,
      progress: building ? await this.progressOf(record.generation) : null,
      failure: building ? (here?.failure ?? null) : null,
    };
  }

  private async progressOf(generation: number): Promise<StatsGenerationView['progress']> {
    const { marker, stored } = await this.states.read(generation);
    if (!marker) return null;
    const { consumed, total, ratio } = rebuildProgress(marker.target, stored);
    return { consumed, total, ratio };
  }
}
