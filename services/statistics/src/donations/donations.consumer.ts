import { Controller, Inject } from '@nestjs/common';
import { TOPICS } from '@donations/contracts';
import { BatchPattern, ConsumedBatch, parseBatch } from '@donations/kafka';
import { DonationsService } from './donations.service';

/** Thin transport: validates the batch's messages and hands them to the service. */
@Controller()
export class DonationsConsumer {
  constructor(@Inject(DonationsService) private readonly donations: DonationsService) {}

  @BatchPattern(TOPICS.donationsCounted)
  apply(batch: ConsumedBatch<typeof TOPICS.donationsCounted>): Promise<void> {
    return this.donations.apply(batch, parseBatch(batch));
  }
}
