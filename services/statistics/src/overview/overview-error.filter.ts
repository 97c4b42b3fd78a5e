import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { OverviewError, OverviewErrorCode } from './overview.errors';

/** The one place where statistics read errors become HTTP statuses. */
export function statusOf(code: OverviewErrorCode): HttpStatus {
  switch (code) {
    case 'STATS.NO_DATA':
      return HttpStatus.NOT_FOUND;
    case 'STATS.INVALID_QUERY':
      return HttpStatus.BAD_REQUEST;
  }
}

@Catch(OverviewError)
export class OverviewErrorFilter implements ExceptionFilter<OverviewError> {
  catch(error: OverviewError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody = { code: error.code, message: error.message };
    void reply.status(statusOf(error.code)).send(body);
  }
}
