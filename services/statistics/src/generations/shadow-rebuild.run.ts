import { setTimeout as delay } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { TOPICS } from '@donations/contracts';
import { BatchConsumerServer, ConsumedBatch, OffsetStore } from '@donations/kafka';
import type { GenerationsRepository, SwitchKeys } from './generations.repository';

type Counted = typeof TOPICS.donationsCounted;

export interface ShadowRunDeps {
  readonly kafka: Kafka;
  readonly generations: GenerationsRepository;
  /** The shadow generation's stored offsets, for the live group id. */
  readonly offsetStore: OffsetStore;
  /** Applies one batch to the shadow generation. */
  readonly apply: (batch: ConsumedBatch<Counted>) => Promise<void>;
  /** Messages the shadow is behind the live consumer, over every partition. */
  readonly behind: () => Promise<number>;
  /** The keys the switch reads, for the generation active now. */
  readonly switchKeys: (active: number) => SwitchKeys;
  readonly clock: () => Date;
}

export interface ShadowRunOptions {
  readonly groupId: string;
  readonly topicPrefix: string;
  readonly switchLag: number;
  readonly switchWithinMs: number;
  readonly checkIntervalMs: number;
}

/** How often the switch looks again while it holds the live writers. */
const SWITCH_POLL_MS = 20;

/**
 * Builds one generation of the statistics beside the active one: a consumer of its own group
 * reads donations.counted.v1 from the earliest offsets into the generation's keys, through the
 * same fold and script as the live consumer; once it is at most switchLag messages behind, the
 * switch holds the live writers (at most switchWithinMs), waits until the shadow has read as far
 * as they had on every partition, and makes it the active generation in one script.
 */
export class ShadowRebuildRun {
  private readonly logger = new Logger(ShadowRebuildRun.name);
  private server?: BatchConsumerServer;
  private stopped = false;
  lag: number | undefined;
  failure: string | undefined;
  running = true;

  constructor(
    readonly generation: number,
    private readonly deps: ShadowRunDeps,
    private readonly options: ShadowRunOptions,
  ) {}

  /** Reads until switched in; a failure ends the run (POST /rebuilds resumes it). */
  async run(): Promise<void> {
    try {
      await this.startConsumer();
      while (!this.stopped) {
        this.lag = await this.deps.behind();
        if (this.lag <= this.options.switchLag && (await this.switchIn())) break;
        await delay(this.options.checkIntervalMs);
      }
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      this.logger.error({
        msg: 'statistics rebuild failed',
        generation: this.generation,
        err: error,
      });
    } finally {
      this.running = false;
      await this.stopConsumer();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.stopConsumer();
  }

  /** Whether the generation was switched in (false: not caught up within the hold). */
  private async switchIn(): Promise<boolean> {
    const { generations } = this.deps;
    const { active } = await generations.pointers();
    if (!(await generations.hold(this.generation, this.options.switchWithinMs))) return false;
    const deadline = Date.now() + this.options.switchWithinMs;
    const keys = this.deps.switchKeys(active);
    while (Date.now() < deadline && !this.stopped) {
      const outcome = await generations.switchIn(this.generation, active, keys, this.deps.clock());
      if (outcome === 1) {
        this.lag = 0;
        this.logger.log({ msg: 'statistics generation switched in', generation: this.generation });
        return true;
      }
      if (outcome === -1) break;
      await delay(SWITCH_POLL_MS);
    }
    await generations.release(this.generation);
    this.logger.log({
      msg: 'statistics generation not caught up within the hold; will try again',
      generation: this.generation,
    });
    return false;
  }

  private async startConsumer(): Promise<void> {
    const { groupId } = this.options;
    const server = new BatchConsumerServer({
      kafka: this.deps.kafka,
      groupId: `${groupId}.rebuild.g${this.generation}`,
      topicPrefix: this.options.topicPrefix,
      offsetStore: {
        load: (_group, topic, parts) => this.deps.offsetStore.load(groupId, topic, parts),
      },
      partitionsConsumedConcurrently: 4,
    });
    server.addHandler(
      TOPICS.donationsCounted,
      (batch: ConsumedBatch<Counted>) => this.deps.apply(batch),
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

  private async stopConsumer(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await server?.close();
  }
}
