import { z } from 'zod';

/**
 * Platforms with an adapter. Adding one: append its id here (lower-case, stable: it is part of
 * every eventId and of topic keys), then add its adapter service.
 */
export const PLATFORMS = ['alipay', 'tencent', 'stripe', 'shuidi', 'jd'] as const;

export type Platform = (typeof PLATFORMS)[number];

export const PlatformSchema = z.enum(PLATFORMS);

export function isPlatform(value: unknown): value is Platform {
  return typeof value === 'string' && (PLATFORMS as readonly string[]).includes(value);
}
