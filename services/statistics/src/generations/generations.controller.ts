import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { StatsGenerationView, StatsPruneView } from '@donations/contracts';
import { GenerationErrorFilter } from './generation-error.filter';
import { OperatorTokenGuard } from './operator-token.guard';
import { ShadowRebuildService } from './shadow-rebuild.service';

/** Operators' endpoints behind `ops rebuild statistics` and `ops generations`. */
@ApiTags('rebuilds')
@UseFilters(GenerationErrorFilter)
@Controller('rebuilds')
export class GenerationsController {
  constructor(@Inject(ShadowRebuildService) private readonly rebuilds: ShadowRebuildService) {}

  @Post()
  @HttpCode(202)
  @UseGuards(OperatorTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Rebuild the statistics into a shadow generation, then switch it in' })
  @ApiAcceptedResponse({ description: 'the generation being built (resumed if one was)' })
  @ApiUnauthorizedResponse({ description: 'no valid `Authorization: Bearer <OPERATOR_TOKEN>`' })
  @ApiNotFoundResponse({ description: 'OPERATOR_TOKEN is not set: `STATS.OPERATIONS_DISABLED`' })
  start(): Promise<StatsGenerationView> {
    return this.rebuilds.start();
  }

  @Get()
  @ApiOperation({ summary: 'Every generation of the statistics, with its state' })
  list(): Promise<StatsGenerationView[]> {
    return this.rebuilds.list();
  }

  @Get(':generation')
  @ApiOperation({ summary: 'One generation: building (with its progress), active or retired' })
  @ApiNotFoundResponse({ description: 'no such generation: `STATS.NOT_FOUND`' })
  get(@Param('generation', ParseIntPipe) generation: number): Promise<StatsGenerationView> {
    return this.rebuilds.view(generation);
  }

  @Delete(':generation')
  @UseGuards(OperatorTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Remove a retired generation's keys (`?dryRun=true`: count them)" })
  @ApiConflictResponse({
    description: 'the active or building generation: `STATS.GENERATION_IN_USE`',
  })
  prune(
    @Param('generation', ParseIntPipe) generation: number,
    @Query('dryRun') dryRun?: string,
  ): Promise<StatsPruneView> {
    return this.rebuilds.prune(generation, dryRun === 'true');
  }
}
