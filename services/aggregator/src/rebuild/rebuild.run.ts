import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { TOPICS, topicName } from '@donations/contracts';
import { BatchConsumerServer, ConsumedBatch, OffsetStore } from '@donations/kafka';
import type {
  Generation,
  GenerationsRepository,
  SwitchedConsumer,
} from '../generations/generations.repository';
import { PartitionEnds, rebuildLag } from './rebuild-lag';

type Normalized = typeof TOPICS.donationsNormalized;

export interface RebuildRunDeps {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly generations: GenerationsRepository;
  /** The generation's offsets, read for the live group id. */
  readonly offsetStore: OffsetStore;
  /** Applies one batch to the building generation (no outbox; the dead letters no live consumer published). */
  readonly apply: (batch: ConsumedBatch<Normalized>) => Promise<void>;
  readonly clock: () => Date;
}

export interface RebuildRunOptions {
  /** The live consumer group: the generation stores its offsets under it. */
  readonly groupId: string;
  readonly topicPrefix: string;
  /**
   * Switch once the generation is at most this many events behind the live consumers: the switch
   * holds them back while the rebuild reads those.
   */
  readonly switchLag: number;
  /**
   * How long the switch holds the live consumers back while the rebuild reads the rest of what
   * they had read; past it the switch is given up and tried again at the next check.
   */
  readonly catchUpWithinMs: number;
  readonly checkIntervalMs: number;
}

export interface RebuildProgress {
  /** Events still to read before the generation has caught up; undefined before the first check. */
  readonly lag: number | undefined;
  readonly failure: string | undefined;
  readonly running: boolean;
}

/**
 * Builds one generation: a consumer of its own group reads donations.normalized.v1 from the
 * earliest offset into the generation's schema, through the same fold and transaction as the
 * live consumers; once it has nearly caught up, the switch holds the live consumers back until
 * the generation has read as far as they have, switches it in, and the run ends.
 */
export class RebuildRun {
  private readonly logger = new Logger(RebuildRun.name);
  private server?: BatchConsumerServer;
  private stopped = false;
  private progress: RebuildProgress = { lag: undefined, failure: undefined, running: true };

  constructor(
    readonly generation: Generation,
    private readonly deps: RebuildRunDeps,
    private readonly options: RebuildRunOptions,
  ) {}

  get status(): RebuildProgress {
    return this.progress;
  }

  /** Reads until switched; a failure ends the run (POST /rebuilds resumes the generation). */
  async run(): Promise<void> {
    try {
      await this.startConsumer();
      while (!this.stopped) {
        await this.untilCaughtUp();
        if (this.stopped || (await this.switchIn())) break;
        // Let the live consumers work before holding them back again.
        await delay(this.options.checkIntervalMs);
      }
      this.progress = { ...this.progress, running: false };
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      this.logger.error({ msg: 'rebuild failed', generation: this.generation.generation, failure });
      this.progress = { ...this.progress, failure, running: false };
    } finally {
      await this.stopConsumer();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopConsumer();
  }

  private async startConsumer(): Promise<void> {
    const { groupId } = this.options;
    const server = new BatchConsumerServer({
      kafka: this.deps.kafka,
      groupId: `${groupId}.rebuild.g${this.generation.generation}`,
      topicPrefix: this.options.topicPrefix,
      offsetStore: {
        load: (_group, topic, parts) => this.deps.offsetStore.load(groupId, topic, parts),
      },
      partitionsConsumedConcurrently: 4,
    });
    server.addHandler(
      TOPICS.donationsNormalized,
      (batch: ConsumedBatch<Normalized>) => this.deps.apply(batch),
      true,
    );
    this.server = server;
    await new Promise<void>((resolve, reject) =>
      server.listen((error?: unknown) =>
        error === undefined
          ? resolve()
          : reject(
              error instanceof Error ? error : new Error('the rebuild consumer did not start'),
            ),
      ),
    );
  }

  /** Until the generation is at most switchLag events behind the live consumers. */
  private async untilCaughtUp(): Promise<void> {
    while (!this.stopped) {
      const ends = await this.deps.admin.fetchTopicOffsets(this.kafkaTopic());
      const stored = await this.deps.generations.storedOffsets(
        this.generation,
        this.options.groupId,
        TOPICS.donationsNormalized,
      );
      this.progress = { ...this.progress, lag: rebuildLag(ends, stored) };
      const behind = await this.deps.generations.behindLive(this.generation, this.consumerOf(ends));
      if (behind <= this.options.switchLag) return;
      await delay(this.options.checkIntervalMs);
    }
  }

  /** The live consumers, and the earliest offsets where the switch puts a partition not read. */
  private consumerOf(ends: readonly PartitionEnds[]): SwitchedConsumer {
    return {
      groupId: this.options.groupId,
      topic: TOPICS.donationsNormalized,
      earliest: new Map(ends.map(({ partition, low }) => [partition, low])),
    };
  }

  /** Whether the generation was switched in (false: it had not caught up in time). */
  private async switchIn(): Promise<boolean> {
    const ends = await this.deps.admin.fetchTopicOffsets(this.kafkaTopic());
    const switched = await this.deps.generations.activate(this.generation, this.consumerOf(ends), {
      at: this.deps.clock(),
      catchUpWithinMs: this.options.catchUpWithinMs,
      // Inside the switch: no batch of this consumer lands in the generation once it is active.
      stopBuilding: () => this.stopConsumer(),
    });
    this.logger.log({
      msg: switched
        ? 'rebuilt generation switched in'
        : 'rebuilt generation not caught up with the live consumers in time; will try again',
      generation: this.generation.generation,
    });
    return switched;
  }

  private kafkaTopic(): string {
    return topicName(TOPICS.donationsNormalized, this.options.topicPrefix);
  }

  private async stopConsumer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}
