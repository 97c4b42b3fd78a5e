import { Module } from '@nestjs/common';
import { UpstreamClient } from '../upstream/aggregator.client';
import { BackofficeController } from './backoffice.controller';
import { BACKOFFICE_CLOCK, BackofficeService } from './backoffice.service';

/** The charities' back office API (/backoffice/api); the page is served with the others. */
@Module({
  controllers: [BackofficeController],
  providers: [
    BackofficeService,
    UpstreamClient,
    { provide: BACKOFFICE_CLOCK, useValue: () => new Date() },
  ],
})
export class BackofficeModule {}
