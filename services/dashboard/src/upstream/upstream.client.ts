import type { z } from 'zod';
import { ErrorBodySchema } from '@donations/contracts';
import { UpstreamError } from './upstream.error';

/**
 * GET of one JSON answer from another service's HTTP API, parsed with the contract's schema:
 * 404 is `undefined` (unknown there); any other failure, an unparsable answer or a timeout is
 * an UpstreamError the callers turn into 502/503/504.
 */
export async function getJson<S extends z.ZodType>(
  baseUrl: string | undefined,
  path: string,
  schema: S,
  timeoutMs: number,
): Promise<z.output<S> | undefined> {
  if (baseUrl === undefined) throw new UpstreamError('unset', `no URL configured for ${path}`);
  const url = new URL(path, baseUrl);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    // By name, not `instanceof Error`: fetch's DOMException may come from another realm (jest's).
    const timedOut = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    throw new UpstreamError(
      timedOut ? 'timeout' : 'unreachable',
      `${url.origin}: ${String(error)}`,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.status === 404) return undefined;
  if (!response.ok) {
    const error = ErrorBodySchema.safeParse(body);
    const detail = error.success ? `${error.data.code}: ${error.data.message}` : 'no error body';
    throw new UpstreamError('failed', `${url.pathname} answered ${response.status} (${detail})`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new UpstreamError('failed', `${url.pathname}: the answer breaks its contract`);
  }
  return parsed.data;
}
