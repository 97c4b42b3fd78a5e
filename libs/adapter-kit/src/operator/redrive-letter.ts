import type { Platform, RedriveAnswer, RedriveRequest } from '@donations/contracts';
import { classify } from '../pipeline/rejection';
import type { WebhookPipeline } from '../pipeline/webhook-pipeline';
import type { WebhookRequest } from '../pipeline/webhook-request';

/** A dead letter's kept request as the pipeline sees it (lower-case header names). */
export function letterRequest(platform: Platform, input: RedriveRequest): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers)) headers[name.toLowerCase()] = value;
  return {
    platform,
    method: 'POST',
    path: `/webhooks/${platform}`,
    headers,
    rawBody: Buffer.from(input.bodyBase64, 'base64'),
    receivedAt: new Date(input.receivedAt),
    correlationId: input.correlationId,
  };
}

/**
 * Re-drives one letter through the pipeline's mapping and emission: `counted` with the event ids,
 * or `failing` with the reason the mapping still gives. Kafka being away or a bug is not an
 * outcome of the letter: it is thrown (503 / 500), and the letter can be re-driven again.
 */
export async function redriveLetter(
  pipeline: WebhookPipeline<unknown>,
  platform: Platform,
  input: RedriveRequest,
): Promise<RedriveAnswer> {
  try {
    const events = await pipeline.redrive(letterRequest(platform, input));
    return { outcome: 'counted', eventIds: events.map((event) => event.eventId) };
  } catch (error) {
    const rejection = classify(error);
    if (rejection.status >= 500) throw error;
    return { outcome: 'failing', reason: rejection.code, message: rejection.message };
  }
}
