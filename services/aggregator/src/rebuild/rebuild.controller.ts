import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  UseFilters,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { QueryErrorFilter } from '../queries/query-error.filter';
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
  @ApiOperation({
    summary: 'Rebuild the totals from offset 0 into a fresh generation, then switch it in',
  })
  @ApiAcceptedResponse({ description: 'the generation being built (resumed if one was)' })
  start(): Promise<RebuildView> {
    return this.rebuilds.start();
  }

  @Get()
  @ApiOperation({ summary: 'Every generation of the totals, with its state' })
  list(): Promise<RebuildView[]> {
    return this.rebuilds.list();
  }

  @Get(':generation')
  @ApiOperation({ summary: 'One generation: building (with its lag), active or retired' })
  @ApiOkResponse({ description: 'the generation' })
  @ApiNotFoundResponse({ description: 'no such generation: `{code: "AGGREGATE.NOT_FOUND"}`' })
  get(@Param('generation', ParseIntPipe) generation: number): Promise<RebuildView> {
    return this.rebuilds.view(generation);
  }
}
