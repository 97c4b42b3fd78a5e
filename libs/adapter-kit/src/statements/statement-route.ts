import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { authorizeStatement, statementFailure } from './statement-http';

/** Statements are larger than webhooks: ~200,000 rows per request. */
export const STATEMENT_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

export const STATEMENT_PATH = '/statements';

/**
 * Gives `POST /statements` its own body limit and refuses an unauthorised request before its
 * body is read, so that the larger limit is only open to holders of the token. Must run while
 * the app is being built (a provider factory does it), before Nest registers the routes. The
 * controller checks the token again: this is an early exit, not the only guard.
 */
export function configureStatementRoute(
  host: HttpAdapterHost,
  configuredToken: string | undefined,
): void {
  const instance: unknown = host.httpAdapter?.getInstance();
  if (!isFastify(instance)) return;
  instance.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!methods.includes('POST') || !route.url.endsWith(STATEMENT_PATH)) return;
    route.bodyLimit = STATEMENT_BODY_LIMIT_BYTES;
    const early = (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      try {
        authorizeStatement(configuredToken, request.headers.authorization);
        done();
      } catch (error) {
        const { status, body } = statementFailure(error);
        void reply.status(status).send(body);
      }
    };
    route.onRequest = [...asArray(route.onRequest), early];
  });
}

function isFastify(instance: unknown): instance is FastifyInstance {
  return typeof (instance as { addHook?: unknown } | undefined)?.addHook === 'function';
}

function asArray<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
