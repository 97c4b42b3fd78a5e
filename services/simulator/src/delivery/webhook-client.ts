import type { PlatformRequest } from '../platforms/malformed-request';

/** What one attempt got: an answer, or none (timeout, refused or reset connection). */
export type AttemptOutcome =
  { kind: 'answered'; status: number; body: string } | { kind: 'no-answer'; reason: string };

/**
 * Posts one webhook attempt to `baseUrl` and reads the answer, as a platform's sender does: it
 * waits at most `timeoutMs` (less when `stop` aborts) and treats no answer as a failure to retry.
 */
export async function postWebhook(
  baseUrl: string,
  request: PlatformRequest,
  correlationId: string,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<AttemptOutcome> {
  try {
    const response = await fetch(new URL(request.path, baseUrl), {
      method: 'POST',
      headers: { ...request.headers, 'x-correlation-id': correlationId },
      body: request.body,
      signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]),
    });
    return { kind: 'answered', status: response.status, body: await response.text() };
  } catch (error) {
    const name = error instanceof Error ? error.name : 'Error';
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { kind: 'no-answer', reason: name === 'TimeoutError' ? 'timeout' : (cause ?? name) };
  }
}
