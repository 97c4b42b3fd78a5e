import {
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  ParseIntPipe,
  Post,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @ApiAcceptedResponse({ description: 'the generation being built (resumed if one was)' })
  @ApiUnauthorizedResponse({ description: 'no valid `Authorization: Bearer <OPERATOR_TOKEN>`' })
  @ApiNotFoundResponse({
    description: 'OPERATOR_TOKEN is not set: `AGGREGATE.OPERATIONS_DISABLED`',
  })
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
