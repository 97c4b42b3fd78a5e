import type { ReportPeriodView } from '@donations/contracts';

/** A report's period with the instants that bound it: [from, until), as PostgreSQL reads them. */
export interface ReportPeriod {
  readonly view: ReportPeriodView;
  /** The first instant included: Beijing midnight of the first day, or `-infinity`. */
  readonly fromInstant: string;
  /** The first instant excluded: Beijing midnight after the last day, or `infinity`. */
  readonly untilInstant: string;
}

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** The last day of each quarter's last month (never February: no leap years to mind). */
const QUARTER_END = ['03-31', '06-30', '09-30', '12-31'] as const;

const beijingMidnight = (date: string): string => `${date}T00:00:00+08:00`;

/**
 * `all` (every row, whatever its time) or a calendar quarter in Beijing time (Asia/Shanghai, UTC+8
 * all year: no daylight saving since 1991): 2026-Q3 is [2026-07-01 00:00 +08, 2026-10-01 00:00 +08).
 * The bounds are instants, so that the ledger is filtered on occurred_at itself (its index) and a
 * row at 2026-06-30T16:30Z (00:30 on 1 July in Beijing) falls in Q3. `label` is a valid period
 * (ReportQuerySchema).
 */
export function reportPeriodOf(label: string): ReportPeriod {
  const match = QUARTER.exec(label);
  if (match === null) {
    return {
      view: { label: 'all', from: null, to: null },
      fromInstant: '-infinity',
      untilInstant: 'infinity',
    };
  }
  const year = Number(match[1]);
  const quarter = Number(match[2]);
  const month = (quarter - 1) * 3 + 1;
  const from = `${match[1]}-${String(month).padStart(2, '0')}-01`;
  const until =
    quarter === 4
      ? `${String(year + 1).padStart(4, '0')}-01-01`
      : `${match[1]}-${String(month + 3).padStart(2, '0')}-01`;
  return {
    view: { label, from, to: `${match[1]}-${QUARTER_END[quarter - 1]}` },
    fromInstant: beijingMidnight(from),
    untilInstant: beijingMidnight(until),
  };
}
