import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether `Authorization: Bearer <token>` presents the configured token. Both sides are hashed
 * first, so the comparison takes the same time whatever the lengths or the first differing byte.
 */
export function bearerTokenMatches(configured: string, authorization: string | undefined): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  return presented !== undefined && tokenMatches(configured, presented);
}

/** Whether a token presented another way (a cookie, a form field) is the configured one. */
export function tokenMatches(configured: string, presented: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(configured));
}
