import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `Authorization: Bearer <token>` presents the configured token. Both sides are hashed
 * first, so the comparison takes the same time whatever the lengths or the first differing byte.
 */
export function bearerTokenMatches(configured: string, authorization: string | undefined): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (presented === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(configured));
}
