import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { operatorFailure } from './operator.errors';
import { authorizeOperator } from './operator-request';

/**
 * Runs an operator request behind the bearer token: its result as 200 JSON, or its failure as
 * `{code, message}` (unknown errors logged with the errorId they answer).
 */
export async function answerOperator(
  context: { token: string | undefined; logger: Logger },
  request: FastifyRequest,
  reply: FastifyReply,
  handle: () => Promise<unknown>,
): Promise<FastifyReply> {
  try {
    authorizeOperator(context.token, request.headers.authorization);
    const body = await handle();
    return reply.status(200).type('application/json; charset=utf-8').send(body);
  } catch (error) {
    const { status, body } = operatorFailure(error);
    if (body.errorId) {
      context.logger.error(
        { err: error, errorId: body.errorId, correlationId: request.id },
        'operator request failed',
      );
    }
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  }
}
