import { Controller, Get, Inject, Param, Query, Res, UseFilters } from '@nestjs/common';
import {
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrorAnswer } from '@donations/observability';
import { BackofficeAccess } from '../backoffice/backoffice.guard';
import { ReportErrorFilter } from './report-error.filter';
import { contentDisposition, contentTypeOf, parseReportRequest } from './report-request';
import { ReportsService } from './reports.service';

/** The back office's exports of a campaign's or a charity's ledger report. */
@ApiTags('backoffice')
@BackofficeAccess()
@UseFilters(ReportErrorFilter)
@Controller('backoffice/reports')
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Get(':scope/:file')
  @ApiOperation({
    summary:
      "A campaign's or a charity's report from the ledger as CSV, XLSX or a printable page: per currency, platform, month (Beijing time) and campaign, unique donors, the control line",
  })
  @ApiParam({ name: 'scope', enum: ['campaign', 'charity'] })
  @ApiParam({
    name: 'file',
    description: '`<id>.csv`, `<id>.xlsx` or `<id>.html` (id: campaign id or USCC)',
  })
  @ApiQuery({
    name: 'period',
    required: false,
    description: '`all` (default) or a quarter, `2026-Q3` (Beijing time)',
  })
  @ApiProduces(contentTypeOf('csv'), contentTypeOf('xlsx'), contentTypeOf('html'))
  @ApiResponse({
    status: 200,
    description: 'the file, named `report-<id>-<period>.<format>` (Content-Disposition)',
  })
  @ApiErrorAnswer(400, 'a bad scope, id, format or period: `DASHBOARD.BAD_REQUEST`')
  @ApiErrorAnswer(
    404,
    'the ledger has no row of that campaign or charity: `DASHBOARD.REPORT_NOT_FOUND`',
  )
  @ApiErrorAnswer(
    502,
    'the aggregator failed or is unreachable: `DASHBOARD.UPSTREAM_FAILED`, `DASHBOARD.UPSTREAM_UNREACHABLE`',
  )
  @ApiErrorAnswer(503, 'AGGREGATOR_URL is not set: `DASHBOARD.UPSTREAM_UNSET`')
  @ApiErrorAnswer(504, 'the aggregator did not answer in time: `DASHBOARD.UPSTREAM_TIMEOUT`')
  async report(
    @Param('scope') scope: string,
    @Param('file') file: string,
    @Query('period') period: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer | string> {
    const request = parseReportRequest(scope, file, period);
    const body = await this.reports.export(request);
    void reply
      .header('content-type', contentTypeOf(request.format))
      .header('content-disposition', contentDisposition(request))
      // The printable page has no script and loads nothing: a name from the registry cannot.
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('cache-control', 'no-store');
    return body;
  }
}
