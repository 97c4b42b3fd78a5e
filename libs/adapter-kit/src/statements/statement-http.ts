import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Platform, PlatformSchema } from '@donations/contracts';
import { KafkaUnavailableError } from '@donations/kafka';
import { bearerTokenMatches } from '@donations/observability';
import { StatementError, StatementErrorCode, statementHttpStatus } from './statement.errors';

/**
 * Checks `Authorization: Bearer <token>` against the configured token in constant time.
 * Without a configured token the import is disabled (404), so that no adapter accepts
 * statements by accident.
 */
export function authorizeStatement(
  configuredToken: string | undefined,
  authorization: string | undefined,
): void {
  if (configuredToken === undefined) {
    throw new StatementError(
      'STATEMENT.IMPORT_DISABLED',
      'statement import is not enabled on this adapter (STATEMENT_IMPORT_TOKEN is not set)',
    );
  }
  if (!bearerTokenMatches(configuredToken, authorization)) {
    throw new StatementError('STATEMENT.UNAUTHORIZED', 'a valid bearer token is required');
  }
}

const StatementQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).optional(),
  /** Optional safety check: the platform the caller believes the adapter serves. */
  platform: PlatformSchema.optional(),
});

/**
 * `?dryRun=true|false[&platform=<p>]`; unknown parameters are refused, so a mistyped dry run
 * (`dry_run=true`) never imports for real.
 */
export function parseStatementQuery(query: unknown, platform: Platform): { dryRun: boolean } {
  const result = StatementQuerySchema.safeParse(query ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.join('.') || 'query';
    throw new StatementError('STATEMENT.INVALID_QUERY', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  if (result.data.platform !== undefined && result.data.platform !== platform) {
    throw new StatementError(
      'STATEMENT.PLATFORM_MISMATCH',
      `this adapter imports ${platform} statements, not ${result.data.platform}`,
    );
  }
  return { dryRun: result.data.dryRun === 'true' };
}

export function requireCsv(contentType: string | undefined): void {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'text/csv') {
    throw new StatementError('STATEMENT.UNSUPPORTED_MEDIA_TYPE', 'the body must be text/csv');
  }
}

export interface StatementFailure {
  status: number;
  body: { code: StatementErrorCode; message: string; errorId?: string };
}

/** Any error of a statement request as its answer; unknown errors get an errorId to log. */
export function statementFailure(error: unknown): StatementFailure {
  if (error instanceof StatementError) return failure(error.code, error.message);
  if (error instanceof KafkaUnavailableError) {
    return failure('STATEMENT.UNAVAILABLE', 'Kafka is unavailable; import the statement again');
  }
  const errorId = randomUUID();
  return {
    status: 500,
    body: { code: 'STATEMENT.INTERNAL_ERROR', message: `internal error ${errorId}`, errorId },
  };
}

function failure(code: StatementErrorCode, message: string): StatementFailure {
  return { status: statementHttpStatus(code), body: { code, message } };
}
