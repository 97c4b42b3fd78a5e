import { z } from 'zod';
import { ConfigError } from './config.errors';

const milliseconds = z.coerce.number().int().positive();

/**
 * How long every HTTP server waits for slow or idle clients, and how many it holds at once.
 * Node's own defaults are not what runs: Fastify turns the request timeout off and keeps idle
 * keep-alive sockets 72 s, and Node checks the header and request deadlines only every 30 s.
 */
export const HttpServerEnvSchema = z.object({
  /** From a request's first byte (or an idle connection's opening) to its last header line. */
  HTTP_HEADERS_TIMEOUT_MS: milliseconds.default(10_000),
  /**
   * From a request's first byte to its last body byte (not the answer: a server-sent event
   * stream, whose GET is complete at once, is never cut). A statement upload (POST /statements)
   * is read at the pace of its import, so this bounds an import's duration too.
   */
  HTTP_REQUEST_TIMEOUT_MS: milliseconds.default(300_000),
  /** An idle keep-alive connection is closed after this. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: milliseconds.default(5_000),
  /** Connections beyond this are closed as they open (below the process's file limit). */
  HTTP_MAX_CONNECTIONS: z.coerce.number().int().positive().default(10_000),
});

export type HttpServerEnv = z.output<typeof HttpServerEnvSchema>;

export const HTTP_SERVER_DEFAULTS: HttpServerEnv = HttpServerEnvSchema.parse({});

/** The deadlines as the server applies them; `checkIntervalMs` is how often they are checked. */
export interface HttpServerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
  readonly checkIntervalMs: number;
}

/** Node checks the header and request deadlines on a timer: at most this late. */
const MAX_CHECK_INTERVAL_MS = 1_000;

/**
 * The server's limits from the (validated) settings, defaults for what is not given. The headers
 * must fit in the request's time (Node refuses to start otherwise): a ConfigError at boot.
 */
export function httpServerLimits(settings: Partial<HttpServerEnv> = {}): HttpServerLimits {
  const env: HttpServerEnv = {
    HTTP_HEADERS_TIMEOUT_MS:
      settings.HTTP_HEADERS_TIMEOUT_MS ?? HTTP_SERVER_DEFAULTS.HTTP_HEADERS_TIMEOUT_MS,
    HTTP_REQUEST_TIMEOUT_MS:
      settings.HTTP_REQUEST_TIMEOUT_MS ?? HTTP_SERVER_DEFAULTS.HTTP_REQUEST_TIMEOUT_MS,
    HTTP_KEEP_ALIVE_TIMEOUT_MS:
      settings.HTTP_KEEP_ALIVE_TIMEOUT_MS ?? HTTP_SERVER_DEFAULTS.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    HTTP_MAX_CONNECTIONS:
      settings.HTTP_MAX_CONNECTIONS ?? HTTP_SERVER_DEFAULTS.HTTP_MAX_CONNECTIONS,
  };
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    throw new ConfigError([
      `HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS})`,
    ]);
  }
  return {
    headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
    requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: env.HTTP_MAX_CONNECTIONS,
    checkIntervalMs: Math.min(MAX_CHECK_INTERVAL_MS, env.HTTP_HEADERS_TIMEOUT_MS),
  };
}
