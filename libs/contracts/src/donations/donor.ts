import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { ContractError } from '../common/contract-error';
import { storableText } from '../common/primitive.schemas';
import { Platform } from './platform';

export const AGE_BANDS = ['<18', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;

export type AgeBand = (typeof AGE_BANDS)[number];

export const AgeBandSchema = z.enum(AGE_BANDS);

/** Lower-case hex of an HMAC-SHA256: 64 characters. */
export const DonorHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits');

/**
 * The donor, never identifiable: `hash` is a keyed hash of the platform user id (see
 * hashDonorId); region is an ISO 3166-2 subdivision such as `CN-GD` or a short free label.
 */
export const DonorSchema = z.strictObject({
  hash: DonorHashSchema,
  ageBand: AgeBandSchema.optional(),
  region: storableText(1, 32).optional(),
});

export type Donor = z.infer<typeof DonorSchema>;

/**
 * HMAC-SHA256 (lower-case hex) of `${platform}|${platformUserId}` under a secret key. Keyed so
 * that nobody without the key can test a guessed user id; the platform is part of the input so
 * equal ids on two platforms stay two donors.
 */
export function hashDonorId(
  key: Buffer | string,
  platform: Platform,
  platformUserId: string,
): string {
  if (key.length === 0 || platformUserId.length === 0) {
    throw new ContractError('DONOR.INVALID_INPUT', 'donor hash needs a key and a user id');
  }
  return createHmac('sha256', key).update(`${platform}|${platformUserId}`, 'utf8').digest('hex');
}
