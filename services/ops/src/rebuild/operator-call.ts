import type { z } from 'zod';
import { ErrorBodySchema } from '@donations/contracts';
import { RebuildError } from './rebuild-error';

export type OperatorMethod = 'GET' | 'POST' | 'DELETE';

/**
 * One request to a service's operator endpoints (`/rebuilds` on the aggregator and the
 * statistics): the token on anything but GET, the answer parsed with its contract, an error
 * body as `{code, message}`, a service that does not answer as `unreachable`.
 */
export async function operatorCall<T>(
  target: { baseUrl: string; operatorToken: string; unreachable: string },
  method: OperatorMethod,
  path: string,
  schema: z.ZodType<T>,
): Promise<T> {
  const url = new URL(path, target.baseUrl);
  let response: Response;
  try {
    const headers = method === 'GET' ? {} : { authorization: `Bearer ${target.operatorToken}` };
    response = await fetch(url, { method, headers });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
    throw new RebuildError(target.unreachable, `cannot reach ${url.origin}: ${cause}`);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = ErrorBodySchema.safeParse(body);
    throw error.success
      ? new RebuildError(error.data.code, error.data.message)
      : new RebuildError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: HTTP ${response.status}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new RebuildError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: not the answer expected`);
  }
  return parsed.data;
}
