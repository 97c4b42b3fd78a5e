import { WebhookError } from '../pipeline/webhook.errors';

const FORM = 'application/x-www-form-urlencoded';
const UTF8 = new Set(['utf-8', 'utf8']);

/** application/x-www-form-urlencoded, utf-8 if a charset is named; anything else is 415. */
export function assertUtf8Form(contentType: string | undefined): void {
  const [mediaType, ...parameters] = (contentType ?? '').split(';').map((part) => part.trim());
  const charset = parameters
    .map((parameter) => /^charset=("?)([^"]*)\1$/i.exec(parameter)?.[2])
    .find((value) => value !== undefined);
  if (mediaType.toLowerCase() !== FORM || (charset && !UTF8.has(charset.toLowerCase()))) {
    throw new WebhookError(
      'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
      `expected ${FORM} in utf-8, got ${mediaType.slice(0, 64) || 'no content type'}`,
    );
  }
}

/**
 * The notify's parameters, URL-decoded as utf-8. A repeated or unnamed parameter is refused:
 * which of two values the signature covered would be a guess.
 */
export function parseNotifyForm(rawBody: Buffer): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(rawBody.toString('utf8'))) {
    if (name === '' || Object.hasOwn(params, name)) {
      throw new WebhookError(
        'WEBHOOK.MALFORMED_BODY',
        name === '' ? 'a parameter has no name' : `parameter ${name.slice(0, 64)} is repeated`,
      );
    }
    params[name] = value;
  }
  const charset = params.charset?.toLowerCase();
  if (charset !== undefined && !UTF8.has(charset)) {
    throw new WebhookError(
      'WEBHOOK.MALFORMED_BODY',
      `charset ${charset.slice(0, 16)} is not supported: configure the app for utf-8`,
    );
  }
  return params;
}
