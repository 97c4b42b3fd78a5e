import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { QueryError, QueryErrorCode } from './queries.errors';

/** The one place where query errors become HTTP statuses. */
export function statusOf(code: QueryErrorCode): HttpStatus {
  switch (code) {
    case 'AGGREGATE.NOT_FOUND':
    case 'AGGREGATE.OPERATIONS_DISABLED':
      return HttpStatus.NOT_FOUND;
    case 'AGGREGATE.UNAUTHORIZED':
      return HttpStatus.UNAUTHORIZED;
    case 'AGGREGATE.GENERATION_IN_USE':
      return HttpStatus.CONFLICT;
  }
}

@Catch(QueryError)
export class QueryErrorFilter implements ExceptionFilter<QueryError> {
  catch(error: QueryError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody = { code: error.code, message: error.message };
    void reply.status(statusOf(error.code)).send(body);
  }
}
