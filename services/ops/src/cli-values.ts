import { OpsError } from './ops-error';

/** `a,b,c` (repeatable options add up): the values, trimmed, none empty. */
export function listValue(value: string, previous: string[] = []): string[] {
  const values = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
  return [...previous, ...values];
}

const UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * An instant as an operator types it: ISO 8601 with an offset (`2026-12-06T08:00:00+08:00`), a
 * date (`2026-12-06`, midnight UTC), or an age (`30m`, `2h`, `7d` before now).
 */
export function instantValue(value: string, now: Date): Date {
  const age = /^(\d{1,6})([mhd])$/.exec(value);
  if (age) return new Date(now.getTime() - Number(age[1]) * UNITS_MS[age[2]]);
  const iso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
  const parsed = iso.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(parsed)) {
    throw new OpsError(
      'OPS.INVALID_ARGUMENT',
      `${JSON.stringify(value)} is not a time: give ISO 8601 with an offset, a date, or 30m/2h/7d`,
    );
  }
  return new Date(parsed);
}
