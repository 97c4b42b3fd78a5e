import { Inject, Injectable, Logger } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import {
  ConsumedBatch,
  DeadLetterInput,
  deadLetterOf,
  DeadLetterPublisher,
  ParsedBatch,
} from '@donations/kafka';
import { AppliedBatch, TotalsRepository } from '../totals/totals.repository';

type Normalized = typeof TOPICS.donationsNormalized;

/** Where the service's dead letters go: donations.dlq (DeadLetterPublisher). */
export type DeadLetterSink = Pick<DeadLetterPublisher, 'publish'>;

/** Applies a batch of normalized events to the totals: dead letters first, then one transaction. */
@Injectable()
export class DonationsService {
  private readonly logger = new Logger(DonationsService.name);

  constructor(
    @Inject(TotalsRepository) private readonly totals: TotalsRepository,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterSink,
  ) {}

  /**
   * Rejected messages are in donations.dlq before the transaction that moves the offset past
   * them; so are the refunds the refund rule dead-letters (published inside the transaction,
   * before its commit). A crash in between duplicates dead letters; it never loses one.
   */
  async apply(batch: ConsumedBatch<Normalized>, parsed: ParsedBatch<Normalized>): Promise<void> {
    await this.publish(parsed.rejected.map((rejected) => deadLetterOf(batch, rejected)));
    const applied = await this.totals.applyBatch({ batch, events: parsed.valid }, (letters) =>
      this.publish(letters),
    );
    this.logApplied(batch, parsed.rejected.length, applied);
  }

  private async publish(letters: readonly DeadLetterInput[]): Promise<void> {
    await Promise.all(letters.map((letter) => this.deadLetters.publish(letter)));
  }

  private logApplied(batch: ConsumedBatch, rejected: number, applied: AppliedBatch): void {
    this.logger.debug({
      msg: 'batch applied',
      partition: batch.partition,
      firstOffset: batch.firstOffset,
      nextOffset: batch.nextOffset,
      newEvents: applied.newEvents,
      duplicates: applied.duplicates,
      rejected: rejected + applied.deadLetters.length,
      campaigns: applied.campaigns.length,
    });
  }
}
