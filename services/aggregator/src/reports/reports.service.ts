import { Inject, Injectable } from '@nestjs/common';
import type { LedgerReportView } from '@donations/contracts';
import { notFound } from '../queries/queries.errors';
import { reportPeriodOf } from './report-period';
import { ledgerReportOf } from './report-view';
import type { ReportScope } from './report.sql';
import { ReportsRepository } from './reports.repository';

/** The reports' clock: when a report was generated. */
export const REPORTS_CLOCK = Symbol('REPORTS_CLOCK');

/** A campaign's or a charity's figures for a period, from the ledger (not the running totals). */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(ReportsRepository) private readonly repository: ReportsRepository,
    @Inject(REPORTS_CLOCK) private readonly clock: () => Date,
  ) {}

  /** `period`: `all` or `YYYY-Qn` (validated by ReportQuerySchema). */
  async report(scope: ReportScope, id: string, period: string): Promise<LedgerReportView> {
    const bounds = reportPeriodOf(period);
    const found = await this.repository.report(scope, id, bounds);
    if (found === undefined) throw notFound(`${scope} ${id}`);
    return ledgerReportOf(
      { scope, id, charityId: found.charityId, period: bounds.view, generatedAt: this.clock() },
      found.rows,
    );
  }
}
