import { Global, Module } from '@nestjs/common';
import { StatsChanges } from './stats-changes';

/**
 * The one StatsChanges of the process: the consumer's service records into it, the publisher
 * takes from it. Global so the donations module needs no import of the publisher.
 */
@Global()
@Module({
  providers: [{ provide: StatsChanges, useFactory: () => new StatsChanges() }],
  exports: [StatsChanges],
})
export class StatsChangesModule {}
