/** Why a whole statement request is refused: the answer's `code`, mapped to HTTP below. */
export const STATEMENT_ERROR_CODES = [
  'STATEMENT.IMPORT_DISABLED',
  'STATEMENT.UNAUTHORIZED',
  'STATEMENT.UNSUPPORTED_MEDIA_TYPE',
  'STATEMENT.INVALID_QUERY',
  'STATEMENT.PLATFORM_MISMATCH',
  'STATEMENT.MALFORMED_FILE',
  'STATEMENT.TOO_LARGE',
  'STATEMENT.UNAVAILABLE',
  'STATEMENT.INTERNAL_ERROR',
] as const;

export type StatementErrorCode = (typeof STATEMENT_ERROR_CODES)[number];

/**
 * Why one row of a statement was not imported: listed in the report with its line number and
 * written to donations.dlq with the row's bytes. A rejected row never aborts the import.
 */
export const STATEMENT_ROW_CODES = [
  'STATEMENT.MALFORMED_ROW',
  'STATEMENT.UNKNOWN_KIND',
  'STATEMENT.INVALID_AMOUNT',
  'STATEMENT.UNKNOWN_CURRENCY',
  'STATEMENT.INVALID_CHARITY',
  'STATEMENT.UNKNOWN_CAMPAIGN',
  'STATEMENT.INVALID_EVENT',
  'STATEMENT.DUPLICATE_ROW',
] as const;

export type StatementRowCode = (typeof STATEMENT_ROW_CODES)[number];

/** A statement request the adapter refuses as a whole. */
export class StatementError extends Error {
  constructor(
    readonly code: StatementErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StatementError';
  }
}

/** The one place statement error codes become HTTP statuses. */
export function statementHttpStatus(code: StatementErrorCode): number {
  switch (code) {
    case 'STATEMENT.IMPORT_DISABLED':
      return 404;
    case 'STATEMENT.UNAUTHORIZED':
      return 401;
    case 'STATEMENT.UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'STATEMENT.INVALID_QUERY':
    case 'STATEMENT.MALFORMED_FILE':
      return 400;
    case 'STATEMENT.PLATFORM_MISMATCH':
      return 422;
    case 'STATEMENT.TOO_LARGE':
      return 413;
    case 'STATEMENT.INTERNAL_ERROR':
      return 500;
    case 'STATEMENT.UNAVAILABLE':
      return 503;
  }
}
