import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG } from '../connections/connections.tokens';
import { ActiveGeneration, GenerationScope } from '../generations/generation-scope';
import type { ReportPeriod } from './report-period';
import { charityOfSql, ReportRow, reportSql, ReportScope } from './report.sql';

/** The ledger rows a report is computed from, with the charity they belong to. */
export interface ReportRows {
  readonly charityId: string;
  readonly rows: ReportRow[];
}

/**
 * Reads a report from the ledger of the active generation (as the queries do), in one
 * REPEATABLE READ transaction: the charity and the figures are from one snapshot.
 */
@Injectable()
export class ReportsRepository {
  private readonly generation: GenerationScope;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(AGGREGATOR_CONFIG) config: AggregatorConfig,
  ) {
    this.generation = new ActiveGeneration(config.DATABASE_SCHEMA, { lock: false });
  }

  /** Undefined when the ledger has no row of the id at all. */
  report(scope: ReportScope, id: string, period: ReportPeriod): Promise<ReportRows | undefined> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await this.generation.enter(manager);
      const found: { charity_id: string }[] = await manager.query(charityOfSql(scope), [id]);
      if (found.length === 0) return undefined;
      const rows: ReportRow[] = await manager.query(reportSql(scope), [
        id,
        period.fromInstant,
        period.untilInstant,
      ]);
      return { charityId: found[0].charity_id, rows };
    });
  }
}
