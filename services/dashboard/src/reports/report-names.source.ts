import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import type { LedgerReportView } from '@donations/contracts';
import { postgresSslOf } from '@donations/database';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { namesOf } from '../names/registry-names';
import { RegistryNamesReader } from '../names/registry-names.reader';
import type { ReportNames } from './report-document';

const NO_NAMES: ReportNames = { charity: null, campaigns: {} };

/**
 * The registry's names of a report's charity and campaigns, read when an export is made (a
 * person asks for one now and then: the names are current, and nothing is held in between).
 * Without DATABASE_URL, or when the read fails, the export shows ids: names never fail it.
 */
@Injectable()
export class ReportNamesSource implements OnModuleDestroy {
  private readonly logger = new Logger(ReportNamesSource.name);
  private readonly reader?: RegistryNamesReader;

  constructor(@Inject(DASHBOARD_CONFIG) config: DashboardConfig) {
    if (config.DATABASE_URL !== undefined) {
      this.reader = new RegistryNamesReader(
        config.DATABASE_URL,
        config.DATABASE_SCHEMA,
        postgresSslOf(config),
      );
    }
  }

  async namesOf(report: LedgerReportView): Promise<ReportNames> {
    if (this.reader === undefined) return NO_NAMES;
    try {
      const campaigns = [report.id, ...report.campaigns.map((c) => c.campaignId)];
      const picked = namesOf(await this.reader.read(), {
        campaigns: report.scope === 'campaign' ? campaigns : campaigns.slice(1),
        charities: [report.charityId],
      });
      return { charity: picked.charities[report.charityId] ?? null, campaigns: picked.campaigns };
    } catch (error) {
      this.logger.warn({ err: error }, 'registry names not read; the export shows ids');
      return NO_NAMES;
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.reader?.close();
  }
}
