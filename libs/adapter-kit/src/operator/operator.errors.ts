import { randomUUID } from 'node:crypto';
import { ZodError } from 'zod';
import { KafkaUnavailableError } from '@donations/kafka';

export const OPERATOR_ERROR_CODES = [
  'OPERATOR.DISABLED',
  'OPERATOR.UNAUTHORIZED',
  'OPERATOR.INVALID_REQUEST',
  'REGISTRY.CONFLICT',
  'REGISTRY.NOT_FOUND',
] as const;

export type OperatorErrorCode = (typeof OPERATOR_ERROR_CODES)[number];

/** A refused operator request (redrive, registry), with its stable code. */
export class OperatorError extends Error {
  constructor(
    readonly code: OperatorErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OperatorError';
  }
}

function statusOf(code: OperatorErrorCode): number {
  switch (code) {
    case 'OPERATOR.DISABLED':
      return 404;
    case 'OPERATOR.UNAUTHORIZED':
      return 401;
    case 'OPERATOR.INVALID_REQUEST':
      return 400;
    case 'REGISTRY.CONFLICT':
      return 409;
    case 'REGISTRY.NOT_FOUND':
      return 404;
  }
}

export interface OperatorFailure {
  status: number;
  body: { code: string; message: string; errorId?: string };
}

/** Any error of an operator request as its answer; unknown errors get an errorId to log. */
export function operatorFailure(error: unknown): OperatorFailure {
  if (error instanceof OperatorError) {
    return { status: statusOf(error.code), body: { code: error.code, message: error.message } };
  }
  if (error instanceof ZodError) {
    const message = error.issues[0]?.message ?? 'invalid request';
    return { status: 400, body: { code: 'OPERATOR.INVALID_REQUEST', message } };
  }
  if (error instanceof KafkaUnavailableError) {
    const message = 'Kafka did not acknowledge; try again';
    return { status: 503, body: { code: 'OPERATOR.UNAVAILABLE', message } };
  }
  const errorId = randomUUID();
  return {
    status: 500,
    body: { code: 'OPERATOR.INTERNAL_ERROR', message: `internal error ${errorId}`, errorId },
  };
}
