import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MetricsService } from '@donations/observability';

/**
 * aggregator_outbox_backlog on /metrics, read at each scrape: the rows written with the totals
 * and not relayed yet, per outbox (`aggregate`: one message per row, for the aggregate topics;
 * `counted`: one applied batch's donations.counted.v1 messages per row). A scrape while
 * PostgreSQL is down keeps the last reading.
 */
@Injectable()
export class OutboxMetrics {
  constructor(dataSource: DataSource, metrics: MetricsService) {
    metrics.gauge(
      'aggregator_outbox_backlog',
      'Outbox rows written with the totals and not relayed yet (aggregate: messages; counted: batches)',
      ['outbox'],
      async function collect() {
        try {
          const rows: { outbox: string; backlog: string }[] = await dataSource.query(
            `SELECT 'aggregate' AS outbox, count(*) AS backlog FROM aggregate_outbox
             UNION ALL SELECT 'counted', count(*) FROM counted_outbox`,
          );
          for (const row of rows) this.set({ outbox: row.outbox }, Number(row.backlog));
        } catch {
          // The last reading stays; readiness reports the database.
        }
      },
    );
  }
}
