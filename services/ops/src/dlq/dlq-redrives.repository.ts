import type { DataSource } from 'typeorm';
import { letterId, RedriveOutcome, RedriveRecord } from './dlq-entry';

interface RedriveRow {
  partition: number;
  offset: string;
  outcome: RedriveOutcome;
  reason: string | null;
  message: string | null;
  attempts: number;
  redriven_at: Date;
}

/** What a re-drive did to one letter, to be recorded. */
export interface RedriveResult {
  outcome: RedriveOutcome;
  reason: string | null;
  message: string | null;
}

/** dlq_redrives: the last re-drive outcome of each letter, keyed by its place on the DLQ. */
export class DlqRedrivesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** By letter id (`<partition>:<offset>`). */
  async recordsOf(topic: string): Promise<Map<string, RedriveRecord>> {
    const rows = await this.dataSource.query<RedriveRow[]>(
      `SELECT "partition", "offset"::text AS "offset", outcome, reason, message, attempts,
              redriven_at
       FROM dlq_redrives WHERE topic = $1`,
      [topic],
    );
    return new Map(
      rows.map((row) => [
        letterId(row.partition, row.offset),
        {
          outcome: row.outcome,
          reason: row.reason,
          message: row.message,
          attempts: row.attempts,
          redrivenAt: row.redriven_at.toISOString(),
        },
      ]),
    );
  }

  async record(
    topic: string,
    place: { partition: number; offset: string },
    result: RedriveResult,
  ): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dlq_redrives (topic, "partition", "offset", outcome, reason, message)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (topic, "partition", "offset") DO UPDATE SET
         outcome = EXCLUDED.outcome, reason = EXCLUDED.reason, message = EXCLUDED.message,
         attempts = dlq_redrives.attempts + 1, redriven_at = now()`,
      [topic, place.partition, place.offset, result.outcome, result.reason, result.message],
    );
  }
}
