/** Stable reason codes of rejected webhooks: answers, metrics and DLQ messages carry them. */
export const WEBHOOK_ERROR_CODES = [
  'WEBHOOK.SIGNATURE_MISSING',
  'WEBHOOK.SIGNATURE_INVALID',
  'WEBHOOK.TIMESTAMP_STALE',
  'WEBHOOK.UNSUPPORTED_MEDIA_TYPE',
  'WEBHOOK.MALFORMED_BODY',
  'WEBHOOK.BODY_TOO_LARGE',
  'WEBHOOK.DECRYPTION_FAILED',
  'WEBHOOK.UNKNOWN_EVENT_TYPE',
  'WEBHOOK.INVALID_AMOUNT',
  'WEBHOOK.UNKNOWN_CURRENCY',
  'WEBHOOK.INVALID_CHARITY',
  'WEBHOOK.UNKNOWN_CAMPAIGN',
  'WEBHOOK.INVALID_EVENT',
  'WEBHOOK.INTERNAL_ERROR',
  'WEBHOOK.UNAVAILABLE',
] as const;

export type WebhookErrorCode = (typeof WEBHOOK_ERROR_CODES)[number];

/** A webhook the adapter will not accept, with the reason code it is rejected under. */
export class WebhookError extends Error {
  /**
   * Thrown once the signature had verified (a signed body that does not parse, say): the request
   * is kept on donations.raw and its dead letter whole, as for a mapping failure.
   */
  authenticated = false;

  constructor(
    readonly code: WebhookErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookError';
  }
}

/** Runs what follows a verified signature: a WebhookError it throws is marked authenticated. */
export function afterSignature<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof WebhookError) error.authenticated = true;
    throw error;
  }
}

/** The one place reason codes become HTTP statuses (protocols may still dictate the body). */
export function httpStatusOf(code: WebhookErrorCode): number {
  switch (code) {
    case 'WEBHOOK.SIGNATURE_MISSING':
    case 'WEBHOOK.SIGNATURE_INVALID':
    case 'WEBHOOK.TIMESTAMP_STALE':
      return 401;
    case 'WEBHOOK.UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'WEBHOOK.BODY_TOO_LARGE':
      return 413;
    case 'WEBHOOK.MALFORMED_BODY':
    case 'WEBHOOK.DECRYPTION_FAILED':
      return 400;
    case 'WEBHOOK.UNKNOWN_EVENT_TYPE':
    case 'WEBHOOK.INVALID_AMOUNT':
    case 'WEBHOOK.UNKNOWN_CURRENCY':
    case 'WEBHOOK.INVALID_CHARITY':
    case 'WEBHOOK.UNKNOWN_CAMPAIGN':
    case 'WEBHOOK.INVALID_EVENT':
      return 422;
    case 'WEBHOOK.INTERNAL_ERROR':
      return 500;
    case 'WEBHOOK.UNAVAILABLE':
      return 503;
  }
}

/** Bad input is a client error; only our own failures (500, 503) ask the platform to retry. */
export function isBadInput(code: WebhookErrorCode): boolean {
  return httpStatusOf(code) < 500;
}
