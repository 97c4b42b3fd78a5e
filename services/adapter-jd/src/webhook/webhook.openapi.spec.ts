import { Test } from '@nestjs/testing';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WebhookPipeline } from '@donations/adapter-kit';
import { WebhookController } from './webhook.controller';

describe('POST /webhooks/jd in the OpenAPI document', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [WebhookController],
      providers: [{ provide: WebhookPipeline, useValue: {} }],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
  });

  afterAll(() => app.close());

  it('documents the Standard Webhooks headers, the JD body and every answer', () => {
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
    const operation = document.paths['/webhooks/jd']?.post;
    expect(operation?.tags).toEqual(['webhooks']);
    const headers = (operation?.parameters ?? []).map((p) => ('name' in p ? p.name : ''));
    expect(headers.sort()).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
    expect(Object.keys(operation?.responses ?? {}).sort()).toEqual([
      '204',
      '400',
      '401',
      '413',
      '415',
      '422',
      '503',
    ]);
    const body = operation?.requestBody;
    const schema = body && 'content' in body ? body.content['application/json']?.schema : undefined;
    expect(JSON.stringify(schema)).toContain('ORDER_REFUNDED');
  });
});
