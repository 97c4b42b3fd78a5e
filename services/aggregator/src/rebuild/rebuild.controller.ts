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
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AggregatorPruneView,
  AggregatorPruneViewSchema,
  RebuildViewSchema,
} from '@donations/contracts';
import { ApiErrorAnswer, ApiView } from '@donations/observability';
import { QueryErrorFilter } from '../queries/query-error.filter';
import { OperatorTokenGuard } from './operator-token.guard';
import { RebuildService } from './rebuild.service';
import type { RebuildView } from './rebuild.views';

/** Operators' endpoints behind `ops rebuild aggregator`. */
@ApiTags('rebuilds')
@UseFilters(QueryErrorFilter)
@Controller('rebuilds')
export class RebuildController {
  constructor(@Inject(RebuildService) private readonly rebuilds: RebuildService) {}

  @Post()
  @HttpCode(202)
  @UseGuards(OperatorTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Rebuild the totals from offset 0 into a fresh generation, then switch it in',
  })
  @ApiView(RebuildViewSchema, {
    status: 202,
    description: 'the generation being built (resumed if one was)',
  })
  @ApiErrorAnswer(401, 'no valid `Authorization: Bearer <OPERATOR_TOKEN>`')
  @ApiErrorAnswer(404, 'OPERATOR_TOKEN is not set: `AGGREGATE.OPERATIONS_DISABLED`')
  start(): Promise<RebuildView> {
    return this.rebuilds.start();
  }

  @Get()
  @ApiOperation({ summary: 'Every generation of the totals, with its state' })
  @ApiView(RebuildViewSchema, { description: 'every generation', isArray: true })
  list(): Promise<RebuildView[]> {
    return this.rebuilds.list();
  }

  @Delete(':generation')
  @UseGuards(OperatorTokenGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "Prune a retired generation: drop its tables (generation 0's: empty them); ?dryRun=true",
  })
  @ApiView(AggregatorPruneViewSchema, { description: 'what was (or would be) removed' })
  @ApiErrorAnswer(401, 'no valid `Authorization: Bearer <OPERATOR_TOKEN>`')
  @ApiErrorAnswer(404, 'no such generation: `AGGREGATE.NOT_FOUND`')
  @ApiErrorAnswer(409, 'the active or a building generation: `AGGREGATE.GENERATION_IN_USE`')
  prune(
    @Param('generation', ParseIntPipe) generation: number,
    @Query('dryRun') dryRun?: string,
  ): Promise<AggregatorPruneView> {
    return this.rebuilds.prune(generation, dryRun === 'true');
  }

  @Get(':generation')
  @ApiOperation({ summary: 'One generation: building (with its lag), active or retired' })
  @ApiView(RebuildViewSchema, { description: 'the generation' })
  @ApiErrorAnswer(404, 'no such generation: `{code: "AGGREGATE.NOT_FOUND"}`')
  get(@Param('generation', ParseIntPipe) generation: number): Promise<RebuildView> {
    return this.rebuilds.view(generation);
  }
}
