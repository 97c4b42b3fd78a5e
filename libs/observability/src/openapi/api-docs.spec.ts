import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { z } from 'zod';
import { ErrorBodySchema, RebuildViewSchema } from '@donations/contracts';
import { serveApiDocs } from './api-docs';
import { ApiErrorAnswer, ApiView } from './api-view';

@Controller('things')
class ThingsController {
  @Get()
  @ApiView(RebuildViewSchema, { description: 'every thing', isArray: true })
  @ApiErrorAnswer(404, 'no things')
  list(): unknown[] {
    return [];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** A named view on its own, as zod writes it: a $ref to its definition. */
const definitionOf = (schema: z.ZodType, id: string) =>
  (
    z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'output' }) as unknown as {
      definitions: Record<string, unknown>;
    }
  ).definitions[id];

describe('serveApiDocs', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), {
      logger: false,
    });
    serveApiDocs(app, { title: 'things', description: 'Things, documented' });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('documents a route with the view its zod contract defines, named, and the error body', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json<{
      info: { title: string };
      paths: Record<string, { get: { responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, Record<string, unknown>> };
    }>();

    expect(document.info.title).toBe('things');
    expect(document.paths['/things'].get.responses).toMatchObject({
      200: {
        content: {
          'application/json': {
            schema: { type: 'array', items: { $ref: '#/components/schemas/RebuildView' } },
          },
        },
      },
      404: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
      },
    });
    expect(Object.keys(document.components.schemas).sort()).toEqual(['ErrorBody', 'RebuildView']);
    expect(document.components.schemas.RebuildView).toEqual(
      definitionOf(RebuildViewSchema, 'RebuildView'),
    );
    expect(document.components.schemas.ErrorBody).toEqual(
      definitionOf(ErrorBodySchema, 'ErrorBody'),
    );
    expect(JSON.stringify(document)).not.toContain('$id');
  });

  it('serves the Swagger UI at /docs, with its assets', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    const bundle = await app.inject({ method: 'GET', url: '/docs/swagger-ui-bundle.js' });

    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('swagger-ui-bundle.js');
    expect(bundle.statusCode).toBe(200);
  });
});
