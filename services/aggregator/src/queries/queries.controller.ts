import { Controller, Get, Inject, Param, Query, UseFilters } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CampaignTotalsViewSchema,
  CharityTotalsViewSchema,
  PLATFORMS,
  TopCampaignsViewSchema,
  VerificationViewSchema,
} from '@donations/contracts';
import { ApiErrorAnswer, ApiView } from '@donations/observability';
import {
  CampaignIdSchema,
  CharityIdSchema,
  TopCampaignsQuery,
  TopCampaignsQuerySchema,
  VerifyQuery,
  VerifyQuerySchema,
  ZodPipe,
} from './dto/queries.dto';
import { QueryErrorFilter } from './query-error.filter';
import { QueriesService } from './queries.service';
import type {
  CampaignView,
  CharityView,
  TopCampaignsView,
  VerificationView,
} from './queries.views';

const BAD_REQUEST = 'Invalid parameter: `{code: "HTTP.BAD_REQUEST", message}`';
const NOT_FOUND = 'Unknown to the aggregator: `{code: "AGGREGATE.NOT_FOUND", message}`';

/** Read-only answers from the totals and the ledger: "was my donation counted?". */
@ApiTags('queries')
@ApiErrorAnswer(400, BAD_REQUEST)
@ApiErrorAnswer(404, NOT_FOUND)
@UseFilters(QueryErrorFilter)
@Controller()
export class QueriesController {
  constructor(@Inject(QueriesService) private readonly queries: QueriesService) {}

  @Get('campaigns/:id')
  @ApiOperation({ summary: 'Totals of a campaign per currency, by platform, with its version' })
  @ApiParam({ name: 'id', description: 'campaign id' })
  @ApiView(CampaignTotalsViewSchema, { description: 'amounts in minor units as decimal strings' })
  campaign(@Param('id', new ZodPipe(CampaignIdSchema)) id: string): Promise<CampaignView> {
    return this.queries.campaign(id);
  }

  @Get('charities/:id')
  @ApiOperation({ summary: 'Rollup of a charity per currency, with each of its campaigns' })
  @ApiParam({ name: 'id', description: 'USCC (统一社会信用代码) of the charity' })
  @ApiView(CharityTotalsViewSchema, { description: 'amounts in minor units as decimal strings' })
  charity(@Param('id', new ZodPipe(CharityIdSchema)) id: string): Promise<CharityView> {
    return this.queries.charity(id);
  }

  @Get('campaigns')
  @ApiOperation({ summary: "A charity's top campaigns by net amount, per currency" })
  @ApiQuery({ name: 'charityId', description: 'USCC of the charity' })
  @ApiQuery({ name: 'top', required: false, description: '1..100, default 10' })
  @ApiView(TopCampaignsViewSchema, { description: 'per currency, highest net first' })
  topCampaigns(
    @Query(new ZodPipe(TopCampaignsQuerySchema)) query: TopCampaignsQuery,
  ): Promise<TopCampaignsView> {
    return this.queries.topCampaigns(query.charityId, query.top);
  }

  @Get('donations/verify')
  @ApiOperation({ summary: 'Was a platform transaction counted? Its ledger rows' })
  @ApiQuery({ name: 'platform', enum: PLATFORMS })
  @ApiQuery({ name: 'txn', description: 'the platform transaction id' })
  @ApiView(VerificationViewSchema, {
    description: 'the donation and refunds, counted or rejected with a reason',
  })
  verify(@Query(new ZodPipe(VerifyQuerySchema)) query: VerifyQuery): Promise<VerificationView> {
    return this.queries.verify(query.platform, query.txn);
  }
}
