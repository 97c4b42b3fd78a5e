import { Inject, Injectable, Logger } from '@nestjs/common';
import { DonationCountedV1, TOPICS } from '@donations/contracts';
import {
  ConsumedBatch,
  deadLetterOf,
  DeadLetterPublisher,
  MESSAGE_REJECTIONS,
  ParsedBatch,
  RejectedMessage,
} from '@donations/kafka';
import { StatsChanges } from '../publish/stats-changes';
import { RebuildService } from '../rebuild/rebuild.service';
import { StateGoneError } from '../rebuild/state-gone.error';
import { TopicOffsetsReader } from '../rebuild/topic-offsets.reader';
import { AppliedStats, StatsRepository } from '../stats/stats.repository';

type Counted = typeof TOPICS.donationsCounted;

/** Where the service's dead letters go: donations.dlq (DeadLetterPublisher). */
export type DeadLetterSink = Pick<DeadLetterPublisher, 'publish'>;

/**
 * A counted message on another partition than its source's would mix two partitions' source
 * offsets under one fence: it is refused like a message that breaks its schema.
 */
export function splitBySourcePartition(
  batch: ConsumedBatch<Counted>,
  parsed: ParsedBatch<Counted>,
): { valid: DonationCountedV1[]; rejected: RejectedMessage[] } {
  const valid: DonationCountedV1[] = [];
  const rejected = [...parsed.rejected];
  for (const { message, value } of parsed.valid) {
    if (value.source.partition === batch.partition) valid.push(value);
    else {
      rejected.push({
        message,
        reason: MESSAGE_REJECTIONS.schemaInvalid,
        detail: `source.partition: ${value.source.partition} on partition ${batch.partition}`,
      });
    }
  }
  return { valid, rejected };
}

/** Applies a batch of counted messages to the Redis statistics: dead letters first, then one script. */
@Injectable()
export class DonationsService {
  private readonly logger = new Logger(DonationsService.name);

  constructor(
    @Inject(StatsRepository) private readonly stats: StatsRepository,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterSink,
    @Inject(TopicOffsetsReader) private readonly offsets: TopicOffsetsReader,
    @Inject(RebuildService) private readonly rebuild: RebuildService,
    @Inject(StatsChanges) private readonly changes: StatsChanges,
  ) {}

  /**
   * Rejected messages are in donations.dlq before the script that moves the offset past them;
   * a crash in between duplicates dead letters, it never loses one. A rebuild does not publish
   * again those that went out before the state was lost.
   */
  async apply(batch: ConsumedBatch<Counted>, parsed: ParsedBatch<Counted>): Promise<void> {
    const { valid, rejected } = splitBySourcePartition(batch, parsed);
    const fresh = rejected.filter(
      ({ message }) => !this.rebuild.alreadyDeadLettered(batch.partition, message.offset),
    );
    await Promise.all(
      fresh.map((rejection) => this.deadLetters.publish(deadLetterOf(batch, rejection))),
    );
    const applied = await this.applyScript(batch, valid);
    this.changes.record(applied.changed);
    this.logger.debug({
      msg: 'batch applied',
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
      applied: applied.applied,
      skipped: applied.skipped,
      rejected: rejected.length,
    });
  }

  /**
   * The batch's script. Refused because the state is gone (no stored offset, and the batch not
   * at the earliest one): the rebuild check runs at once, and the failed batch makes the
   * consumer go back to the earliest offset.
   */
  private async applyScript(
    batch: ConsumedBatch<Counted>,
    messages: DonationCountedV1[],
  ): Promise<AppliedStats> {
    const earliest = await this.offsets.earliestOffset(batch.partition);
    try {
      return await this.stats.applyBatch(batch, messages, earliest);
    } catch (error) {
      if (error instanceof StateGoneError) {
        this.offsets.forgetEarliest();
        this.rebuild.stateGone();
      }
      throw error;
    }
  }
}
