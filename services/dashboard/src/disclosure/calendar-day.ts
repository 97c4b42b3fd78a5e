/**
 * Calendar days as `YYYY-MM-DD` text (Beijing time, as the registry and 慈善中国 keep them). The
 * text sorts as the days do, so days compare with `<`; arithmetic goes through UTC midnight,
 * which has no daylight saving to skip a day.
 */

const DAY_MS = 86_400_000;

/**
 * The day in Asia/Shanghai at an instant: 16:30 UTC is 00:30 of the next Beijing day. China
 * has kept UTC+8 all year since 1991, but the zone database says so, not this code.
 */
export function beijingDay(instant: Date): string {
  const parts = BEIJING_DATE.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

const BEIJING_DATE = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The day `days` after `day` (before it when negative). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = fieldsOf(day);
  return textOf(new Date(Date.UTC(year, month - 1, date) + days * DAY_MS));
}

/**
 * The same day of the month `months` later; a month without that day gives its last day
 * (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year), as the Civil Code counts a period of
 * months (民法典 第二百零二条: 没有对应日的，月末日为期间的最后一日).
 */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = fieldsOf(day);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return textOf(new Date(Date.UTC(targetYear, targetMonth - 1, Math.min(date, lastDay))));
}

function fieldsOf(day: string): [number, number, number] {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new RangeError(`not a calendar day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function textOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}
