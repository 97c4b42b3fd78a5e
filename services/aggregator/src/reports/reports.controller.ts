import { Controller, Get, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LedgerReportView, LedgerReportViewSchema } from '@donations/contracts';
import { ApiErrorAnswer, ApiView } from '@donations/observability';
import { CampaignIdSchema, CharityIdSchema, ZodPipe } from '../queries/dto/queries.dto';
import { QueryErrorFilter } from '../queries/query-error.filter';
import { ReportQuery, ReportQuerySchema } from './dto/reports.dto';
import { ReportsService } from './reports.service';

const BAD_REQUEST = 'Invalid id or period: `{code: "HTTP.BAD_REQUEST", message}`';
const NOT_FOUND = 'No ledger row of the id, whatever the period: `{code: "AGGREGATE.NOT_FOUND"}`';
const PERIOD = '`all` or a quarter in Beijing time: `2026-Q3` = 1 July to 30 September';
const FIGURES = 'from the counted ledger rows; amounts in minor units as decimal strings';

/** Reports from the ledger for a charity's filings on 慈善中国 and its auditor. */
@ApiTags('reports')
@ApiErrorAnswer(400, BAD_REQUEST)
@ApiErrorAnswer(404, NOT_FOUND)
@UseFilters(QueryErrorFilter)
@Controller('reports')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get('campaigns/:id')
  @ApiOperation({ summary: "A campaign's report for a period, with its control line" })
  @ApiParam({ name: 'id', description: 'campaign id' })
  @ApiQuery({ name: 'period', description: PERIOD })
  @ApiView(LedgerReportViewSchema, { description: FIGURES })
  campaign(
    @Param('id', new ZodPipe(CampaignIdSchema)) id: string,
    @Query(new ZodPipe(ReportQuerySchema)) query: ReportQuery,
  ): Promise<LedgerReportView> {
    return this.reports.report('campaign', id, query.period);
  }

  @Get('charities/:id')
  @ApiOperation({ summary: "A charity's report for a period, per campaign, with its control line" })
  @ApiParam({ name: 'id', description: 'USCC (统一社会信用代码) of the charity' })
  @ApiQuery({ name: 'period', description: PERIOD })
  @ApiView(LedgerReportViewSchema, { description: FIGURES })
  charity(
    @Param('id', new ZodPipe(CharityIdSchema)) id: string,
    @Query(new ZodPipe(ReportQuerySchema)) query: ReportQuery,
  ): Promise<LedgerReportView> {
    return this.reports.report('charity', id, query.period);
  }
}
