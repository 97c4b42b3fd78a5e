import { Inject, Injectable, Logger } from '@nestjs/common';
import { campaignScope, charityScope } from '@donations/contracts';
import { UpstreamClient } from '../upstream/aggregator.client';
import { UpstreamError } from '../upstream/upstream.error';
import { renderCsv } from './report-csv';
import { renderHtml } from './report-html';
import { ReportNamesSource } from './report-names.source';
import type { ReportRequest } from './report-request';
import { renderXlsx } from './report-xlsx';
import { ReportError } from './reports.errors';

/**
 * An export of the aggregator's ledger report: the figures from the aggregator (its failure
 * fails the export), the unique donors from the statistics and the names from the registry
 * (their failure only leaves them out).
 */
@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    @Inject(UpstreamClient) private readonly upstream: UpstreamClient,
    @Inject(ReportNamesSource) private readonly names: ReportNamesSource,
  ) {}

  async export(request: ReportRequest): Promise<Buffer | string> {
    const [report, uniqueDonors] = await Promise.all([
      this.upstream.report(request.scope, request.id, request.period),
      this.uniqueDonors(request),
    ]);
    if (report === undefined) {
      throw new ReportError(
        'DASHBOARD.REPORT_NOT_FOUND',
        `the ledger has no row of ${request.scope} ${request.id}`,
      );
    }
    const document = { ...report, uniqueDonors, names: await this.names.namesOf(report) };
    switch (request.format) {
      case 'csv':
        return renderCsv(document);
      case 'xlsx':
        return renderXlsx(document);
      case 'html':
        return renderHtml(document);
    }
  }

  /** The statistics' estimate for the whole campaign or charity; null when unset or down. */
  private async uniqueDonors(request: ReportRequest): Promise<number | null> {
    const scope =
      request.scope === 'campaign' ? campaignScope(request.id) : charityScope(request.id);
    try {
      const overview = await this.upstream.statsOverview(scope);
      return overview?.uniqueDonors ?? null;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      if (error.failure !== 'unset') {
        this.logger.warn({ err: error }, 'unique donors not read; the export says not available');
      }
      return null;
    }
  }
}
