import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { TOPICS } from '@donations/contracts';
import { ConsumedBatch, DeadLetterPublisher, parseBatch } from '@donations/kafka';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG, KAFKA_ADMIN, KAFKA_CLIENT } from '../connections/connections.tokens';
import { DeadLetterSink, DonationsService } from '../donations/donations.service';
import { BuildingGeneration, FixedGeneration } from '../generations/generation-scope';
import { Generation, GenerationsRepository } from '../generations/generations.repository';
import { stageCounted } from '../outbox/counted-outbox.sql';
import { GenerationNotPrunableError, pruneGeneration } from '../generations/generation-prune';
import { notFound, QueryError } from '../queries/queries.errors';
import { PostgresOffsetStore } from '../totals/postgres-offset.store';
import { TotalsRepository } from '../totals/totals.repository';
import { RebuildRun } from './rebuild.run';
import type { AggregatorPruneView } from '@donations/contracts';
import type { RebuildView } from './rebuild.views';

type Normalized = typeof TOPICS.donationsNormalized;

/**
 * The dead letters of the events the live consumers have applied went out when they applied
 * them; the rebuilt ledger records those events as not counted all the same.
 */
const PUBLISHED_BY_THE_LIVE_CONSUMERS: DeadLetterSink = { publish: () => Promise.resolve() };

/** Starts, resumes and reports rebuilds of the aggregator's state into a fresh generation. */
@Injectable()
export class RebuildService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly runs = new Map<number, RebuildRun>();

  constructor(
    @Inject(GenerationsRepository) private readonly generations: GenerationsRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(AGGREGATOR_CONFIG) private readonly config: AggregatorConfig,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterSink,
  ) {}

  private starting: Promise<unknown> = Promise.resolve();

  /**
   * Builds a new generation, or resumes the one being built if this process is not at it.
   * Calls are taken one at a time, so that two requests never start two runs here.
   */
  start(): Promise<RebuildView> {
    const started = this.starting.then(() => this.startOne());
    this.starting = started.catch(() => undefined);
    return started;
  }

  private async startOne(): Promise<RebuildView> {
    const generation = await this.generations.buildingOrNew();
    const running = this.runs.get(generation.generation);
    if (running?.status.running !== true) {
      const run = this.newRun(generation);
      this.runs.set(generation.generation, run);
      void run.run();
    }
    return this.view(generation.generation);
  }

  async view(generationNumber: number): Promise<RebuildView> {
    const generation = await this.generations.get(generationNumber);
    if (!generation) throw notFound(`generation ${generationNumber}`);
    const progress = this.runs.get(generationNumber)?.status;
    return {
      generation: generation.generation,
      schema: generation.schema,
      state: generation.state,
      createdAt: generation.createdAt.toISOString(),
      activatedAt: generation.activatedAt?.toISOString() ?? null,
      retiredAt: generation.retiredAt?.toISOString() ?? null,
      prunedAt: generation.prunedAt?.toISOString() ?? null,
      runningHere: progress?.running ?? false,
      lag: progress?.lag ?? null,
      failure: progress?.failure ?? null,
    };
  }

  /** Removes a retired generation's tables (409 for the active or a building one). */
  async prune(generation: number, dryRun: boolean): Promise<AggregatorPruneView> {
    try {
      return await pruneGeneration(this.dataSource, generation, dryRun);
    } catch (error) {
      if (!(error instanceof GenerationNotPrunableError)) throw error;
      if (error.state === undefined) throw notFound(`generation ${generation}`);
      throw new QueryError('AGGREGATE.GENERATION_IN_USE', error.message);
    }
  }

  async list(): Promise<RebuildView[]> {
    const generations = await this.generations.list();
    return Promise.all(generations.map((generation) => this.view(generation.generation)));
  }

  /** A rebuild outlives a restart: an instance that starts resumes the generation being built. */
  async onApplicationBootstrap(): Promise<void> {
    const generations = await this.generations.list();
    if (generations.some((generation) => generation.state === 'building')) await this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.stop()));
  }

  private newRun(generation: Generation): RebuildRun {
    const { AGGREGATOR_GROUP_ID: groupId, DATABASE_SCHEMA: serviceSchema } = this.config;
    const building = new BuildingGeneration(
      generation.generation,
      generation.schema,
      serviceSchema,
    );
    const totals = new TotalsRepository(this.dataSource, groupId, building, { writeOutbox: false });
    // Ahead of the live consumers, the batch's counted messages are staged for the switch.
    const staging = new TotalsRepository(this.dataSource, groupId, building, {
      writeOutbox: false,
      writeCounted: stageCounted(generation.generation),
    });
    const readByLive = new DonationsService(totals, PUBLISHED_BY_THE_LIVE_CONSUMERS);
    const aheadOfLive = new DonationsService(staging, this.deadLetters);
    const apply = async (batch: ConsumedBatch<Normalized>): Promise<void> => {
      const service = (await this.appliedByLive(batch)) ? readByLive : aheadOfLive;
      await service.apply(batch, parseBatch(batch));
    };
    return new RebuildRun(
      generation,
      {
        kafka: this.kafka,
        admin: this.admin,
        generations: this.generations,
        offsetStore: new PostgresOffsetStore(
          this.dataSource,
          new FixedGeneration(generation.schema, serviceSchema),
        ),
        apply,
        clock: () => new Date(),
      },
      {
        groupId,
        topicPrefix: this.config.TOPIC_PREFIX,
        switchLag: this.config.REBUILD_SWITCH_LAG,
        catchUpWithinMs: 2_000,
        checkIntervalMs: 500,
      },
    );
  }

  /**
   * Whether the live consumers have applied the whole batch, and so published its dead letters
   * and counted messages.
   * Otherwise the rebuild publishes them: it may read events the live consumers never will (those
   * it reads past them before the switch); an event both read is dead-lettered twice, never lost.
   */
  private async appliedByLive(batch: ConsumedBatch<Normalized>): Promise<boolean> {
    const { AGGREGATOR_GROUP_ID: groupId } = this.config;
    const live = await this.generations.liveNextOffset(groupId, batch.topic, batch.partition);
    return live !== undefined && live > BigInt(batch.lastOffset);
  }
}
