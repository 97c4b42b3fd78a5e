import { Controller, Get, Header, Inject, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DonationCheckView, DonationCheckViewSchema, PLATFORMS } from '@donations/contracts';
import { ApiErrorAnswer, ApiView } from '@donations/observability';
import { CheckErrorFilter } from './check-error.filter';
import { CheckQueryPipe, TXN_INPUT_MAX } from './check-query.pipe';
import type { CheckQuery } from './check-view';
import { CheckRateGuard } from './check-rate.guard';
import { CheckService } from './check.service';

/** The public page's one question: was this platform transaction counted? */
@ApiTags('check')
@Controller()
@UseGuards(CheckRateGuard)
@UseFilters(CheckErrorFilter)
export class CheckController {
  constructor(@Inject(CheckService) private readonly checks: CheckService) {}

  @Get('api/check')
  // Each answer is about one transaction as of now: nothing between may keep it.
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Was my donation counted? One transaction, nothing about its donor' })
  @ApiQuery({ name: 'platform', description: `one of ${PLATFORMS.join(', ')} (else unknown)` })
  @ApiQuery({ name: 'txn', description: 'the transaction number on the receipt' })
  @ApiView(DonationCheckViewSchema, {
    description: 'counted, refunded, not_seen (not counted: wait, or ask the platform) or unknown',
  })
  @ApiErrorAnswer(400, `DASHBOARD.CHECK_INVALID: platform or txn missing, txn > ${TXN_INPUT_MAX}`)
  @ApiErrorAnswer(
    429,
    'DASHBOARD.CHECK_RATE_LIMITED: too many checks from one address (Retry-After)',
  )
  @ApiErrorAnswer(502, 'DASHBOARD.UPSTREAM_UNREACHABLE or DASHBOARD.UPSTREAM_FAILED: the ledger')
  @ApiErrorAnswer(503, 'DASHBOARD.UPSTREAM_UNSET: no AGGREGATOR_URL')
  @ApiErrorAnswer(504, 'DASHBOARD.UPSTREAM_TIMEOUT: the ledger did not answer in time')
  check(@Query(CheckQueryPipe) query: CheckQuery): Promise<DonationCheckView> {
    return this.checks.check(query);
  }
}
