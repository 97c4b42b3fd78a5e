import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { BackofficeError, BackofficeErrorCode } from './backoffice.errors';

/** The one place where back-office errors become HTTP statuses. */
export function backofficeStatusOf(code: BackofficeErrorCode): HttpStatus {
  switch (code) {
    case 'DASHBOARD.BACKOFFICE_QUERY_INVALID':
      return HttpStatus.BAD_REQUEST;
    case 'DASHBOARD.CHARITY_NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'DASHBOARD.REGISTRY_UNSET':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

@Catch(BackofficeError)
export class BackofficeErrorFilter implements ExceptionFilter<BackofficeError> {
  catch(error: BackofficeError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody = { code: error.code, message: error.message };
    void reply.status(backofficeStatusOf(error.code)).send(body);
  }
}
