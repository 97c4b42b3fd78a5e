import { z } from 'zod';

/**
 * An ISO-8601 / RFC 3339 instant with an explicit offset (`Z` or `+08:00`); calendar dates are
 * checked (no 2 February 30th). Local times without an offset are rejected: they are ambiguous.
 */
export const IsoDateTimeSchema = z.iso.datetime({ offset: true });

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
export const CorrelationIdSchema = z.string().min(1).max(128);
