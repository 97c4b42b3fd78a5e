import type { HttpAdapterHost } from '@nestjs/core';
import Fastify, { FastifyInstance } from 'fastify';
import { keepRawBodies } from '../http/raw-body';
import { configureStatementRoute, STATEMENT_BODY_LIMIT_BYTES } from './statement-route';

const TOKEN = 'statement-token-0123456789';

/** Fastify as an adapter builds it: one small body limit for every route, raw bodies. */
async function appWith(token: string | undefined): Promise<FastifyInstance> {
  const fastify = Fastify({ bodyLimit: 1024 });
  keepRawBodies(fastify, 1024);
  const host = { httpAdapter: { getInstance: () => fastify } } as unknown as HttpAdapterHost;
  configureStatementRoute(host, token);
  fastify.post('/statements', (request) => ({ bytes: (request.body as Buffer).length }));
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

  it('gives POST /statements its own body limit, and only it', async () => {
    const app = await appWith(TOKEN);
    expect(STATEMENT_BODY_LIMIT_BYTES).toBeGreaterThan(big.length);
    const accepted = await post(app, '/statements', `Bearer ${TOKEN}`);
    expect([accepted.statusCode, accepted.json()]).toEqual([200, { bytes: big.length }]);
    expect((await post(app, '/webhooks/x', `Bearer ${TOKEN}`)).statusCode).toBe(413);
    await app.close();
  });

  it('refuses a wrong token before the body is read', async () => {
    const app = await appWith(TOKEN);
    const tooBig = Buffer.alloc(STATEMENT_BODY_LIMIT_BYTES + 1, 'a');
    const refused = await post(app, '/statements', 'Bearer wrong-token-0123456789', tooBig);
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
