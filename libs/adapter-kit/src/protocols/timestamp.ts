import { WebhookError } from '../pipeline/webhook.errors';

/** Rejects a Unix-seconds timestamp further than `toleranceSeconds` from now, either way. */
export function assertFresh(timestampSeconds: string, now: Date, toleranceSeconds: number): number {
  if (!/^\d{1,12}$/.test(timestampSeconds)) {
    throw new WebhookError('WEBHOOK.SIGNATURE_INVALID', 'timestamp is not Unix seconds');
  }
  const seconds = Number(timestampSeconds);
  if (Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) {
    throw new WebhookError(
      'WEBHOOK.TIMESTAMP_STALE',
      `timestamp is more than ${toleranceSeconds} s away from now`,
    );
  }
  return seconds;
}

/** application/json, with or without parameters; anything else is 415. */
export function assertJson(contentType: string | undefined): void {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new WebhookError(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
      `expected application/json, got ${mediaType ?? 'no content type'}`,
    );
  }
}

export function parseJson(rawBody: Buffer): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8')) as unknown;
  } catch {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'body is not valid JSON');
  }
}
