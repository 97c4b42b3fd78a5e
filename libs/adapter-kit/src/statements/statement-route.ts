import { Readable } from 'node:stream';
import type { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { authorizeStatement, statementFailure } from './statement-http';

/**
 * Bytes of one statement at most (413 STATEMENT.TOO_LARGE beyond): the importer streams the body,
 * so this bounds an import's time, not its memory.
 */
export const STATEMENT_BODY_LIMIT_BYTES = 1024 * 1024 * 1024;

/** The request's body stream, kept by the route for the importer to read as it goes. */
const STATEMENT_BODY = Symbol('statementBody');

type WithStatementBody = FastifyRequest & { [STATEMENT_BODY]?: Readable };

/** The body of a `POST /statements`, unread: the importer streams it. */
export function statementBodyOf(request: FastifyRequest): Readable {
  return (request as WithStatementBody)[STATEMENT_BODY] ?? Readable.from([]);
}

export const STATEMENT_PATH = '/statements';

/**
 * Takes `POST /statements`' body out of the body parser (which would buffer it whole, within the
 * webhooks' limit): the stream is kept on the request; the controller spools it to a file, which
 * the importer reads as it goes, both within STATEMENT_BODY_LIMIT_BYTES. An unauthorised request
 * is refused before its body is read, so that only holders of the token can send a large one.
 * Must run while the app is being built (a provider factory does it), before Nest registers the
 * routes. The controller checks the token again: this is an early exit, not the only guard.
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
    const keepBody = (
      request: FastifyRequest,
      _reply: FastifyReply,
      payload: Readable,
      done: (error: Error | null, payload?: Readable) => void,
    ) => {
      (request as WithStatementBody)[STATEMENT_BODY] = payload;
      // The parser reads an empty body that claims the announced length (fastify checks it).
      const empty = Object.assign(Readable.from([]), {
        receivedEncodedLength: Number(request.headers['content-length'] ?? 0),
      });
      done(null, empty);
    };
    route.preParsing = [...asArray(route.preParsing), keepBody];
    // Checked against content-length before preParsing; the importer counts the bytes it reads.
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
