import type { z } from 'zod';
import { bearerTokenMatches } from '@donations/observability';
import { OperatorError } from './operator.errors';

/**
 * `Authorization: Bearer <OPERATOR_TOKEN>`, compared in constant time. Without a configured token
 * the operators' endpoints are disabled (404), so no adapter re-drives or registers by accident.
 */
export function authorizeOperator(
  configured: string | undefined,
  authorization: string | undefined,
): void {
  if (configured === undefined) {
    throw new OperatorError(
      'OPERATOR.DISABLED',
      "operators' endpoints are disabled on this adapter (OPERATOR_TOKEN is not set)",
    );
  }
  if (!bearerTokenMatches(configured, authorization)) {
    throw new OperatorError('OPERATOR.UNAUTHORIZED', 'a valid operator bearer token is required');
  }
}

/** A JSON body (the adapters keep every body as raw bytes) validated against its schema. */
export function parseOperatorBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '') as unknown;
  } catch {
    throw new OperatorError('OPERATOR.INVALID_REQUEST', 'the body must be JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new OperatorError('OPERATOR.INVALID_REQUEST', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return result.data;
}

/** Who asks (`X-Operator`, as the CLI sends the operator's name): recorded in audit rows. */
export function operatorOf(header: string | string[] | undefined): string {
  const name = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (!/^[\p{L}\p{N}._@ -]{1,64}$/u.test(name)) {
    throw new OperatorError('OPERATOR.INVALID_REQUEST', 'X-Operator must name the operator');
  }
  return name;
}
