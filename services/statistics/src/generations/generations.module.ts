import { Module } from '@nestjs/common';
import { RebuildModule } from '../rebuild/rebuild.module';
import { GenerationKeysPruner } from './generation-keys.pruner';
import { GenerationsController } from './generations.controller';
import { GenerationsRepository } from './generations.repository';
import { ShadowBatches } from './shadow-batches';
import { ShadowRebuildService } from './shadow-rebuild.service';

/** Generations of the statistics: shadow rebuilds switched in one step, listed and pruned. */
@Module({
  imports: [RebuildModule],
  controllers: [GenerationsController],
  providers: [GenerationsRepository, GenerationKeysPruner, ShadowBatches, ShadowRebuildService],
})
export class GenerationsModule {}
