import type { Server } from 'node:http';
import { createFastifyAdapter } from './fastify-adapter';

/** The Node server's limits as Fastify leaves them (the properties Node reads at each check). */
function limitsOf(server: Server) {
  return {
    headersTimeout: server.headersTimeout,
    requestTimeout: server.requestTimeout,
    keepAliveTimeout: server.keepAliveTimeout,
    idleSocketTimeout: server.timeout,
    maxConnections: server.maxConnections,
    checkInterval: (server as Server & { connectionsCheckingInterval?: number })
      .connectionsCheckingInterval,
  };
}

describe('createFastifyAdapter', () => {
  it('bounds slow and idle clients by default (Fastify alone: no request timeout, 72 s keep-alive)', () => {
    const server = createFastifyAdapter().getInstance().server;
    expect(limitsOf(server)).toEqual({
      headersTimeout: 10_000,
      requestTimeout: 300_000,
      keepAliveTimeout: 5_000,
      idleSocketTimeout: 0,
      maxConnections: 10_000,
      checkInterval: 1_000,
    });
  });

  it("applies the service's HTTP_* settings", () => {
    const server = createFastifyAdapter({
      http: {
        HTTP_HEADERS_TIMEOUT_MS: 500,
        HTTP_REQUEST_TIMEOUT_MS: 20_000,
        HTTP_KEEP_ALIVE_TIMEOUT_MS: 2_000,
        HTTP_MAX_CONNECTIONS: 64,
      },
    }).getInstance().server;
    expect(limitsOf(server)).toEqual({
      headersTimeout: 500,
      requestTimeout: 20_000,
      keepAliveTimeout: 2_000,
      idleSocketTimeout: 0,
      maxConnections: 64,
      checkInterval: 500,
    });
  });
});
