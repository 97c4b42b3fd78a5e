import { Controller, Get, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  BackofficeCharityView,
  BackofficeCharityViewSchema,
  CharitySearchView,
  CharitySearchViewSchema,
} from '@donations/contracts';
import { ApiErrorAnswer, ApiView } from '@donations/observability';
import { BackofficeErrorFilter } from './backoffice-error.filter';
import { BackofficeAccess } from './backoffice.guard';
import { searchQueryOf, usccOf } from './backoffice.query';
import { BackofficeService } from './backoffice.service';

/** The back office page's data: the charity picker and one charity's campaigns and calendar. */
@ApiTags('backoffice')
@BackofficeAccess()
@Controller('backoffice/api')
@UseFilters(BackofficeErrorFilter)
@ApiErrorAnswer(400, 'DASHBOARD.BACKOFFICE_QUERY_INVALID')
@ApiErrorAnswer(503, 'DASHBOARD.REGISTRY_UNSET: no DATABASE_URL')
export class BackofficeController {
  constructor(@Inject(BackofficeService) private readonly backoffice: BackofficeService) {}

  @Get('charities')
  @ApiOperation({ summary: 'Registered charities by part of the name or USCC prefix (q)' })
  @ApiView(CharitySearchViewSchema, { description: 'at most 20, by name' })
  search(@Query('q') q: unknown): Promise<CharitySearchView> {
    return this.backoffice.search(searchQueryOf(q));
  }

  @Get('charities/:uscc')
  @ApiOperation({ summary: "A charity's campaigns, running totals and disclosure calendar" })
  @ApiView(BackofficeCharityViewSchema, { description: 'the calendar on today (Beijing time)' })
  @ApiErrorAnswer(404, 'DASHBOARD.CHARITY_NOT_FOUND')
  charity(@Param('uscc') uscc: string): Promise<BackofficeCharityView> {
    return this.backoffice.charity(usccOf(uscc));
  }
}
