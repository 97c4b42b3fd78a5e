/** Alipay's `yyyy-MM-dd HH:mm:ss` (gmt_refund adds `.S`), always Beijing time (UTC+8). */
const BEIJING_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?$/;

/**
 * An Alipay timestamp as ISO 8601 with the +08:00 offset (`2026-09-09T10:00:01+08:00`), or
 * undefined when it is not one or names no real calendar instant (2 February 30th, 24:00).
 */
export function beijingTimeToIso(value: string): string | undefined {
  const match = BEIJING_TIME.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, fraction = ''] = match;
  const parts = [year, month, day, hour, minute, second].map(Number);
  const utc = new Date(Date.UTC(parts[0], parts[1] - 1, parts[2], parts[3], parts[4], parts[5]));
  const roundTrips =
    utc.getUTCFullYear() === parts[0] &&
    utc.getUTCMonth() === parts[1] - 1 &&
    utc.getUTCDate() === parts[2] &&
    utc.getUTCHours() === parts[3] &&
    utc.getUTCMinutes() === parts[4] &&
    utc.getUTCSeconds() === parts[5];
  return roundTrips
    ? `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}+08:00`
    : undefined;
}
