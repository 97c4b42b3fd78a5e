import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RebuildStateRepository } from './rebuild-state.repository';
import { RebuildService } from './rebuild.service';
import { StatsStateInterceptor } from './stats-state.interceptor';
import { TopicOffsetsReader } from './topic-offsets.reader';

/** Notices a lost state, rebuilds it from the earliest offsets and says so on /stats and health. */
@Module({
  providers: [
    RebuildService,
    RebuildStateRepository,
    TopicOffsetsReader,
    { provide: APP_INTERCEPTOR, useClass: StatsStateInterceptor },
  ],
  exports: [RebuildService, TopicOffsetsReader, RebuildStateRepository],
})
export class RebuildModule {}
