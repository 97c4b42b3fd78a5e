import type { IncomingMessage } from 'node:http';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { HttpServerEnv, httpServerLimits } from '@donations/config';
import { answerClientError } from './client-error';
import { correlationIdOf } from './logging.module';

export interface FastifyAdapterOptions {
  bodyLimit?: number;
  /** The service's HTTP_* settings (HttpServerEnvSchema); the defaults for what is missing. */
  http?: Partial<HttpServerEnv>;
}

/**
 * Fastify for every service: the request id is the caller's correlation id (or a new one), and
 * slow or greedy clients are bounded (see HttpServerEnvSchema). A request must bring its headers
 * within the headers timeout and its body within the request timeout, both counted from its
 * first byte whatever it trickles in meanwhile, and checked every second; an idle keep-alive
 * socket goes after the keep-alive timeout. There is deliberately no idle-socket timeout
 * (Fastify's connectionTimeout): an answer may stream for hours (server-sent events). A request
 * cut short is answered `{code, message}` (408 HTTP.REQUEST_TIMEOUT) and its connection closed.
 */
export function createFastifyAdapter(options: FastifyAdapterOptions = {}): FastifyAdapter {
  const limits = httpServerLimits(options.http);
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit,
    genReqId: (req: IncomingMessage) => correlationIdOf(req),
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    // Fastify sets these on the server after creating it (its defaults: none and 72 s).
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: 0,
    clientErrorHandler: answerClientError,
  });
  adapter.getInstance().server.maxConnections = limits.maxConnections;
  return adapter;
}
