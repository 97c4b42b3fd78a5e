import type { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@donations/config';
import { AdapterHarness, adapterTestEnv } from '@donations/testing';
import { AppModule } from '../src/app.module';
import { AdapterShuidiConfigSchema } from '../src/config/adapter-shuidi.config';

const SECRET = `whsec_${Buffer.from('shuidi-openapi-secret-0123456789ab').toString('base64')}`;

interface Operation {
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
}

describe('adapter-shuidi OpenAPI document', () => {
  let harness: AdapterHarness;
  let document: OpenAPIObject;

  beforeAll(async () => {
    const prepared = await AdapterHarness.prepare();
    const config = loadConfig(AdapterShuidiConfigSchema, {
      ...adapterTestEnv(prepared.prefix, prepared.schema.schema),
      SHUIDI_WEBHOOK_SECRETS: SECRET,
    });
    harness = await AdapterHarness.start(prepared, 'adapter-shuidi', AppModule.register(config));
    const response = await fetch(`${harness.url}/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    document = (await response.json()) as OpenAPIObject;
  });

  afterAll(() => harness.close());

  function webhookOperation(): Operation {
    return document.paths['/webhooks/shuidi']?.post as unknown as Operation;
  }

  it('is titled by the service', () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.info.title).toBe('adapter-shuidi');
  });

  it('lists POST /webhooks/shuidi under webhooks with every answer it gives', () => {
    const operation = webhookOperation();
    expect(operation).toBeDefined();
    expect(operation.tags).toEqual(['webhooks']);
    expect(Object.keys(operation.responses).sort()).toEqual(
      ['204', '400', '401', '413', '415', '422', '500', '503'].sort(),
    );
  });

  it('documents every error answer as the {code, message} schema', () => {
    const { responses } = webhookOperation();
    for (const status of ['400', '401', '413', '415', '422', '500', '503']) {
      const schema = responses[status].content?.['application/json']?.schema;
      expect(schema?.$ref).toBe('#/components/schemas/WebhookError');
    }
    const errorSchema = document.components?.schemas?.WebhookError as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(errorSchema.required).toEqual(['code', 'message']);
    expect(Object.keys(errorSchema.properties)).toEqual(
      expect.arrayContaining(['code', 'message']),
    );
  });

  it('requires the three Standard Webhooks headers and a JSON body', () => {
    const { parameters = [], requestBody } = webhookOperation();
    const required = parameters
      .filter((parameter) => parameter.in === 'header' && parameter.required)
      .map((parameter) => parameter.name)
      .sort();
    expect(required).toEqual(['webhook-id', 'webhook-signature', 'webhook-timestamp']);
    const body = requestBody?.content['application/json']?.schema;
    expect(Object.keys(body?.properties ?? {}).sort()).toEqual(['data', 'type']);
  });

  it('documents the statement report by its zod contract', () => {
    const statements = document.paths['/statements']?.post as unknown as Operation;
    const report = statements.responses['200'].content?.['application/json']?.schema;
    expect(report?.$ref).toBe('#/components/schemas/StatementReport');
    const schema = document.components?.schemas?.StatementReport as { required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['platform', 'counts', 'rejected']));
  });

  it("documents the operator endpoints' answers by their zod contracts", () => {
    const answer = (path: string, method: 'get' | 'post' | 'patch') => {
      const operations = document.paths[path] as unknown as Record<string, Operation>;
      return operations[method].responses['200'].content?.['application/json']?.schema;
    };
    expect(answer('/operator/redrive', 'post')?.$ref).toBe('#/components/schemas/RedriveAnswer');
    expect(answer('/operator/renormalise', 'post')?.$ref).toBe(
      '#/components/schemas/RenormaliseAnswer',
    );
    expect(answer('/operator/registry/campaigns', 'patch')?.$ref).toBe(
      '#/components/schemas/CampaignRegistrationResult',
    );
    expect(answer('/operator/registry/charities', 'post')?.$ref).toBe(
      '#/components/schemas/CharityRegistrationResult',
    );
    const schemas = document.components?.schemas ?? {};
    for (const name of ['CampaignRegistryView', 'CharityRegistryView', 'RedriveAnswer']) {
      expect(schemas[name]).toBeDefined();
    }
  });

  it('serves the Swagger UI at /docs', async () => {
    const page = await fetch(`${harness.url}/docs`);
    const bundle = await fetch(`${harness.url}/docs/swagger-ui-bundle.js`);

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    await bundle.body?.cancel();
  });
});
