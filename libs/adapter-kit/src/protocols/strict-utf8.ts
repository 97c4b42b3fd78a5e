import { WebhookError } from '../pipeline/webhook.errors';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The body as text, decoded strictly: invalid UTF-8 is rejected instead of being replaced with
 * U+FFFD (two different byte strings would otherwise read as one text), and a BOM is kept, so the
 * text's UTF-8 is exactly the raw bytes.
 */
export function strictUtf8Text(rawBody: Buffer): string {
  try {
    return strictUtf8.decode(rawBody);
  } catch {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'body is not valid UTF-8');
  }
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WebhookError('WEBHOOK.MALFORMED_BODY', 'body is not valid JSON');
  }
}
