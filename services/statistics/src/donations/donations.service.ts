import { Inject, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import { ConsumedBatch, deadLetterOf, DeadLetterPublisher, ParsedBatch } from '@donations/kafka';
import { StatsRepository } from '../stats/stats.repository';

type Normalized = typeof TOPICS.donationsNormalized;

/** Where the service's dead letters go: donations.dlq (DeadLetterPublisher). */
export type DeadLetterSink = Pick<DeadLetterPublisher, 'publish'>;

/** Applies a batch of normalized events to the Redis statistics: dead letters first, then one script. */
@Injectable()
export class DonationsService {
  private readonly logger = new Logger(DonationsService.name);

  constructor(
    @Inject(StatsRepository) private readonly stats: StatsRepository,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterSink,
  ) {}

  /**
   * Rejected messages are in donations.dlq before the script that moves the offset past them;
   * a crash in between duplicates dead letters, it never loses one.
   */
  async apply(batch: ConsumedBatch<Normalized>, parsed: ParsedBatch<Normalized>): Promise<void> {
    await Promise.all(
      parsed.rejected.map((rejected) => this.deadLetters.publish(deadLetterOf(batch, rejected))),
    );
    const applied = await this.stats.applyBatch(
      batch,
      parsed.valid.map((message) => message.value),
    );
    this.logger.debug({
      msg: 'batch applied',
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
      newEvents: applied.newEvents,
      duplicates: applied.duplicates,
      rejected: parsed.rejected.length,
    });
  }
}
