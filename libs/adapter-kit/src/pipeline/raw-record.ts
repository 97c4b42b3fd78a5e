import {
  rawWebhookBodyKey,
  rawWebhookKey,
  RawWebhook,
  RawWebhookOutcome,
} from '@donations/contracts';
import type { PlatformMapping } from './platform-mapping';
import type { WebhookRequest } from './webhook-request';

/** The donations.raw record of an authenticated request, with what the adapter answered. */
export function rawRecord(
  request: WebhookRequest,
  headers: Record<string, string>,
  outcome: RawWebhookOutcome,
): RawWebhook {
  return {
    platform: request.platform,
    receivedAt: request.receivedAt.toISOString(),
    method: request.method,
    path: request.path,
    headers,
    bodyBase64: request.rawBody.toString('base64'),
    correlationId: request.correlationId,
    outcome,
  };
}

/**
 * The donations.raw key of a rejected authenticated request: its transaction's when the payload
 * names one the contract accepts, else derived from the body's bytes (never from a header).
 */
export function rejectedRawKey<P>(
  mapping: PlatformMapping<P>,
  request: WebhookRequest,
  payload: P,
): string {
  try {
    return rawWebhookKey(request.platform, mapping.transactionIdOf(payload));
  } catch {
    return rawWebhookBodyKey(request.platform, request.rawBody);
  }
}

/** Selected headers only (content type and the protocol's signature material). */
export function keptHeaders(
  request: WebhookRequest,
  names: readonly string[],
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of ['content-type', ...names]) {
    const value = request.headers[name];
    if (value !== undefined) kept[name] = value;
  }
  return kept;
}
