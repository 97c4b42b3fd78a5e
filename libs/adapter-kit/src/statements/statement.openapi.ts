import { applyDecorators } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiHeader,
  ApiOperation,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { PLATFORMS, StatementReportSchema } from '@donations/contracts';
import { ApiView } from '@donations/observability';
import { WEBHOOK_ERROR_SCHEMA_REF } from '../http/openapi';
import { STATEMENT_BODY_LIMIT_BYTES } from './statement-route';

/** The `{code, message}` error body every adapter's document defines (http/openapi.ts). */
const errorBody = { $ref: WEBHOOK_ERROR_SCHEMA_REF };
const error = (status: number, description: string) =>
  ApiResponse({ status, description, schema: errorBody });

/** OpenAPI description of `POST /statements` (the same on every adapter). */
export function ApiStatementImport(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiTags('statements'),
    ApiOperation({
      summary: 'Import the daily statement (对账单) of this adapter’s platform',
      description:
        'Parses the CSV (format per platform: libs/adapter-kit/src/statements/README.md), ' +
        'reconciles it with the webhook receipts and, unless dryRun, emits the donations no ' +
        'webhook delivered (same eventIds as webhooks) and dead-letters rejected rows.',
    }),
    ApiConsumes('text/csv'),
    ApiHeader({
      name: 'authorization',
      required: true,
      description: 'Bearer <STATEMENT_IMPORT_TOKEN>',
    }),
    ApiQuery({
      name: 'dryRun',
      required: false,
      enum: ['true', 'false'],
      description: 'Report only',
    }),
    ApiQuery({ name: 'platform', required: false, enum: [...PLATFORMS], description: 'Checked' }),
    ApiBody({ schema: { type: 'string', format: 'binary' } }),
    ApiView(StatementReportSchema, { description: 'The reconciliation report' }),
    error(400, 'STATEMENT.INVALID_QUERY or MALFORMED_FILE (no header, missing columns)'),
    error(401, 'STATEMENT.UNAUTHORIZED: missing or wrong bearer token'),
    error(404, 'STATEMENT.IMPORT_DISABLED: STATEMENT_IMPORT_TOKEN is not configured'),
    error(413, `over ${STATEMENT_BODY_LIMIT_BYTES / 1024 / 1024} MiB`),
    error(415, 'STATEMENT.UNSUPPORTED_MEDIA_TYPE: not text/csv'),
    error(422, 'STATEMENT.PLATFORM_MISMATCH: ?platform= names another platform'),
    error(500, 'STATEMENT.INTERNAL_ERROR: the errorId is in the log; import again'),
    error(503, 'STATEMENT.UNAVAILABLE: Kafka did not acknowledge; import again (idempotent)'),
  );
}
