import type { Server } from 'node:http';
import { connect, Socket } from 'node:net';
import { waitFor } from '@donations/testing';
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

  it('closes the connections beyond HTTP_MAX_CONNECTIONS as they open, and serves the others', async () => {
    const fastify = createFastifyAdapter({ http: { HTTP_MAX_CONNECTIONS: 2 } }).getInstance();
    fastify.get('/', () => 'ok');
    await fastify.listen({ port: 0, host: '127.0.0.1' });
    const port = (fastify.server.address() as { port: number }).port;
    const sockets: Socket[] = [];
    try {
      const opened = async () => {
        const socket = connect(port, '127.0.0.1');
        sockets.push(socket);
        await new Promise((resolve) => socket.once('connect', resolve));
        return socket;
      };
      const [first, second] = [await opened(), await opened()];
      const third = await opened();
      await waitFor(() => third.closed, { timeoutMs: 5_000, description: 'the third closed' });
      const answers = await Promise.all([first, second].map(answerTo));
      expect(answers.map((answer) => answer.split('\r\n')[0])).toEqual([
        'HTTP/1.1 200 OK',
        'HTTP/1.1 200 OK',
      ]);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await fastify.close();
    }
  });
});

function answerTo(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1')));
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  });
}
