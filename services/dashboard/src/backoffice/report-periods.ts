/** The report periods a page offers at most per campaign or charity (the newest quarters). */
export const MAX_REPORT_QUARTERS = 12;

/** The quarter of a calendar day: `2026-Q3` for 2026-08-15. */
export function quarterOf(day: string): string {
  const month = Number(day.slice(5, 7));
  return `${day.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/**
 * The report periods of a span of Beijing days: `all`, then every quarter from the one of
 * `from` to the one of `to`, newest first, at most MAX_REPORT_QUARTERS of them (a report of an
 * older quarter is still one URL away). Only `all` without a span.
 */
export function reportPeriods(span: { from: string; to: string } | null): string[] {
  if (span === null || span.from > span.to) return ['all'];
  const quarters: string[] = [];
  let year = Number(span.to.slice(0, 4));
  let quarter = Number(quarterOf(span.to).slice(-1));
  const first = quarterOf(span.from);
  while (quarters.length < MAX_REPORT_QUARTERS) {
    const label = `${year}-Q${quarter}`;
    quarters.push(label);
    if (label <= first) break;
    quarter -= 1;
    if (quarter === 0) [year, quarter] = [year - 1, 4];
  }
  return ['all', ...quarters];
}

/** The smallest span holding every day given (nulls ignored); null without any. */
export function spanOf(days: readonly (string | null)[]): { from: string; to: string } | null {
  const known = days.filter((day): day is string => day !== null).sort();
  return known.length === 0 ? null : { from: known[0], to: known[known.length - 1] };
}
