import { z } from 'zod';

/** PostgreSQL's timestamptz accepts no offset beyond ±15:59 (Kafka consumers store these). */
const MAX_OFFSET_HOURS = 15;

/**
 * Whether an ISO-8601 instant (already checked by zod's datetime) is one PostgreSQL stores:
 * its year is 0001..9999 (PostgreSQL has no year 0000) and its offset within ±15:59.
 */
export function isStorableInstant(value: string): boolean {
  if (Number(value.slice(0, 4)) < 1) return false;
  const offset = /([+-])(\d{2}):\d{2}$/.exec(value);
  return offset === null || Number(offset[2]) <= MAX_OFFSET_HOURS;
}

/**
 * An ISO-8601 / RFC 3339 instant with an explicit offset (`Z` or `+08:00`); calendar dates are
 * checked (no 2 February 30th). Local times without an offset are rejected: they are ambiguous.
 * Year 0000 and offsets beyond ±15:59 are rejected too: PostgreSQL refuses them.
 */
export const IsoDateTimeSchema = z.iso
  .datetime({ offset: true })
  .refine(isStorableInstant, 'must be in years 0001-9999 with an offset within ±15:59');

/** A lone UTF-16 surrogate: not a Unicode character, so not valid UTF-8 once encoded. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether every character of a string can be stored as PostgreSQL text (and jsonb): no NUL
 * (U+0000) and no lone surrogate (it would become U+FFFD on the wire, or be refused in jsonb).
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * Free text from outside (ids, labels) between `min` and `max` UTF-16 units that PostgreSQL can
 * store unchanged: no NUL and no lone surrogate.
 */
export function storableText(min: number, max: number) {
  return z
    .string()
    .min(min)
    .max(max)
    .refine(isStorableText, 'must not contain NUL (U+0000) or a lone surrogate');
}

/** A count or an amount in minor units: a non-negative safe integer. */
export const NonNegativeSafeIntSchema = z.int().nonnegative();

/** A strictly positive safe integer (donation amounts, versions). */
export const PositiveSafeIntSchema = z.int().positive();

/** A signed safe integer (net amounts can be negative while a refund precedes its donation). */
export const SafeIntSchema = z.int();

/** A fraction between 0 and 1 inclusive. */
export const ShareSchema = z.number().min(0).max(1);

/** Standard base64 (RFC 4648, padded); the empty string encodes zero bytes. */
export const Base64Schema = z.base64();

/** A correlation id carried from the webhook through every topic (and in Kafka headers). */
export const CorrelationIdSchema = storableText(1, 128);
