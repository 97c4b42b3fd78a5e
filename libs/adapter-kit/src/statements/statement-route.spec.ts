import type { HttpAdapterHost } from '@nestjs/core';
import Fastify, { FastifyInstance } from 'fastify';
import { keepRawBodies } from '../http/raw-body';
import { configureStatementRoute, statementBodyOf } from './statement-route';

async function byteCount(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.byteLength;
  return bytes;
}

const TOKEN = 'statement-token-0123456789';

/** Fastify as an adapter builds it: one small body limit for every route, raw bodies. */
async function appWith(token: string | undefined): Promise<FastifyInstance> {
  const fastify = Fastify({ bodyLimit: 1024 });
  keepRawBodies(fastify, 1024);
  const host = { httpAdapter: { getInstance: () => fastify } } as unknown as HttpAdapterHost;
  configureStatementRoute(host, token);
  fastify.post('/statements', async (request) => ({
    bytes: await byteCount(statementBodyOf(request)),
  }));
  fastify.post('/webhooks/x', (request) => ({ bytes: (request.body as Buffer).length }));
  await fastify.ready();
  return fastify;
}

describe('configureStatementRoute', () => {
  const big = Buffer.alloc(64 * 1024, 'a');
  const post = (app: FastifyInstance, url: string, authorization?: string, payload = big) =>
    app.inject({
      method: 'POST',
      url,
      payload,
      headers: { 'content-type': 'text/csv', ...(authorization ? { authorization } : {}) },
    });

  it('streams the body of POST /statements past the webhooks limit, and only it', async () => {
    const app = await appWith(TOKEN);
    const accepted = await post(app, '/statements', `Bearer ${TOKEN}`);
    expect([accepted.statusCode, accepted.json()]).toEqual([200, { bytes: big.length }]);
    expect((await post(app, '/webhooks/x', `Bearer ${TOKEN}`)).statusCode).toBe(413);
    await app.close();
  });

  it('refuses a wrong token before the body is read', async () => {
    const app = await appWith(TOKEN);
    const refused = await post(app, '/statements', 'Bearer wrong-token-0123456789');
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([
      401,
      'STATEMENT.UNAUTHORIZED',
    ]);
    await app.close();
  });

  it('answers 404 IMPORT_DISABLED without a configured token', async () => {
    const app = await appWith(undefined);
    const refused = await post(app, '/statements', `Bearer ${TOKEN}`);
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([
      404,
      'STATEMENT.IMPORT_DISABLED',
    ]);
    await app.close();
  });
});
