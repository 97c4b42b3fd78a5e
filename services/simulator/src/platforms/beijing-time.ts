const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** `yyyy-MM-ddTHH:mm:ss` of the instant in Beijing time (UTC+8). */
function beijingClock(at: Date): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 19);
}

/** `yyyy-MM-dd`: the Beijing date of the instant. */
export function beijingDate(at: Date): string {
  return beijingClock(at).slice(0, 10);
}

/** Alipay's `yyyy-MM-dd HH:mm:ss`, always Beijing time. */
export function alipayTime(at: Date): string {
  return beijingClock(at).replace('T', ' ');
}

/** RFC 3339 with the +08:00 offset, as the Chinese platforms write times. */
export function rfc3339Beijing(at: Date): string {
  return `${beijingClock(at)}+08:00`;
}

export function unixSeconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}

/** `at` moved by `seconds`. */
export function plusSeconds(at: Date, seconds: number): Date {
  return new Date(at.getTime() + seconds * 1000);
}
