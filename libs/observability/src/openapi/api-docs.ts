import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SchemaObject, SwaggerModule } from '@nestjs/swagger';
import { z } from 'zod';

/** Where every HTTP service serves its OpenAPI document (JSON) and its Swagger UI. */
export const OPENAPI_JSON_PATH = '/openapi.json';
export const API_DOCS_PATH = '/docs';

export interface ApiDocsOptions {
  readonly title: string;
  readonly description: string;
  /** Version of the service's HTTP contract; '1' unless told. */
  readonly version?: string;
  /** Tags the routes use, with their descriptions. */
  readonly tags?: Record<string, string>;
  /** Components the document defines beyond the zod views (an adapter's WebhookError). */
  readonly schemas?: Record<string, SchemaObject>;
}

/**
 * The service's OpenAPI 3 document: its controllers as decorated, and, in components, every zod
 * view they reference (ApiView, ApiErrorAnswer), generated from the contract itself.
 */
export function buildApiDocument(app: INestApplication, options: ApiDocsOptions): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion(options.version ?? '1')
    .addBearerAuth();
  for (const [tag, description] of Object.entries(options.tags ?? {})) {
    builder.addTag(tag, description);
  }
  const config = builder.build();
  const document = SwaggerModule.createDocument(app, config);
  const schemas = { ...document.components?.schemas, ...options.schemas };
  return {
    ...document,
    components: { ...document.components, schemas: { ...schemas, ...zodViews(document) } },
  };
}

/** The registered zod views (`.meta({ id })`) the document refers to, and those they refer to. */
function zodViews(document: OpenAPIObject): Record<string, SchemaObject> {
  const all = z.toJSONSchema(z.globalRegistry, {
    target: 'openapi-3.0',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }).schemas as Record<string, SchemaObject>;
  const wanted = new Set<string>();
  const visit = (node: unknown): void => {
    for (const id of referencedIds(node)) {
      if (wanted.has(id) || all[id] === undefined) continue;
      wanted.add(id);
      visit(all[id]);
    }
  };
  visit(document);
  // OpenAPI 3.0 has no $id: the component's name is its id.
  return Object.fromEntries(
    [...wanted].sort().map((id) => {
      const { $id: _id, ...schema } = all[id] as SchemaObject & { $id?: string };
      return [id, schema];
    }),
  );
}

function referencedIds(node: unknown): string[] {
  return [...JSON.stringify(node).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
}

/**
 * Serves the document at GET /openapi.json and the Swagger UI at /docs (its assets through
 * @fastify/static), the document built on the first request.
 */
export function serveApiDocs(app: INestApplication, options: ApiDocsOptions): void {
  SwaggerModule.setup(API_DOCS_PATH, app, () => buildApiDocument(app, options), {
    raw: ['json'],
    jsonDocumentUrl: OPENAPI_JSON_PATH,
  });
}
