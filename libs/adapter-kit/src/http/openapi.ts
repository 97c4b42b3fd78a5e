import { applyDecorators, type INestApplication } from '@nestjs/common';
import { ApiHeader, ApiResponse, OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { ApiDocsOptions, buildApiDocument, serveApiDocs } from '@donations/observability';
import { WEBHOOK_ERROR_CODES } from '../pipeline/webhook.errors';

/** Name of the `{code, message}` error body in `components.schemas`. */
export const WEBHOOK_ERROR_SCHEMA_NAME = 'WebhookError';

/** What a controller's `@ApiResponse({ schema })` points at for a `{code, message}` answer. */
export const WEBHOOK_ERROR_SCHEMA_REF = `#/components/schemas/${WEBHOOK_ERROR_SCHEMA_NAME}`;

/** Version of the webhook endpoints' contract (design.md: changed only on purpose). */
const WEBHOOK_API_VERSION = '1';

const webhookErrorSchema: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: {
      type: 'string',
      description:
        'Stable reason code, the same one the DLQ message carries: ' +
        `${WEBHOOK_ERROR_CODES.join(', ')} (HTTP-level failures: HTTP.*).`,
      example: 'WEBHOOK.SIGNATURE_INVALID',
    },
    message: { type: 'string', description: 'Human-readable detail; never a secret.' },
    errorId: {
      type: 'string',
      description: 'Only on unexpected errors (500): the id of the log line.',
    },
  },
};

/** The adapter's document: its controllers, with the shared `{code, message}` error schema. */
function adapterDocs(service: string): ApiDocsOptions {
  return {
    title: service,
    description:
      `Webhook endpoints of ${service}. A success answer means the request and its donation ` +
      'events are durable in Kafka; a 5xx asks the platform to retry; a 4xx is final and the ' +
      'request bytes are on donations.dlq with the reason code.',
    version: WEBHOOK_API_VERSION,
    tags: { webhooks: 'Signed donation notifications pushed by the platform' },
    schemas: { [WEBHOOK_ERROR_SCHEMA_NAME]: webhookErrorSchema },
  };
}

/**
 * The adapter's OpenAPI 3 document: its controllers as decorated (the webhook route, statements,
 * operators' endpoints, health, metrics), titled by service; zod views generated from contracts.
 */
export function buildOpenApiDocument(app: INestApplication, service: string): OpenAPIObject {
  return buildApiDocument(app, adapterDocs(service));
}

/** Serves the document at GET /openapi.json and the Swagger UI at /docs, as every service does. */
export function serveOpenApi(app: INestApplication, service: string): void {
  serveApiDocs(app, adapterDocs(service));
}

/** A `{code, message}` error answer in a controller's document. */
export const ApiWebhookError = (status: number, description: string) =>
  ApiResponse({ status, description, schema: { $ref: WEBHOOK_ERROR_SCHEMA_REF } });

/** The three required headers of a Standard Webhooks endpoint (shuidi, jd, ...). */
export const ApiStandardWebhookHeaders = () =>
  applyDecorators(
    ApiHeader({
      name: 'webhook-id',
      required: true,
      description: "The sender's message id; the same on every retry",
    }),
    ApiHeader({
      name: 'webhook-timestamp',
      required: true,
      description: 'Unix seconds; rejected beyond WEBHOOK_TOLERANCE_SECONDS (300 s by default)',
    }),
    ApiHeader({
      name: 'webhook-signature',
      required: true,
      description: 'Space-separated `v1,<base64>` HMAC-SHA256 signatures of `id.timestamp.body`',
    }),
  );
