import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ContractError } from '@donations/contracts';
import type { ErrorBody } from '@donations/observability';

export const BACKOFFICE_ACCESS_CODES = [
  'DASHBOARD.BACKOFFICE_LOCAL_ONLY',
  'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED',
] as const;

export type BackofficeAccessCode = (typeof BACKOFFICE_ACCESS_CODES)[number];

/** A back-office request refused: from another machine without a token, or with a wrong one. */
export class BackofficeAccessError extends ContractError {
  declare readonly code: BackofficeAccessCode;

  constructor(code: BackofficeAccessCode, message: string) {
    super(code, message);
  }
}

/** The one place where the back office's refusals become HTTP statuses. */
export function accessStatusOf(code: BackofficeAccessCode): HttpStatus {
  switch (code) {
    case 'DASHBOARD.BACKOFFICE_LOCAL_ONLY':
      return HttpStatus.FORBIDDEN;
    case 'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED':
      return HttpStatus.UNAUTHORIZED;
  }
}

@Catch(BackofficeAccessError)
export class BackofficeAccessFilter implements ExceptionFilter<BackofficeAccessError> {
  catch(error: BackofficeAccessError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.code === 'DASHBOARD.BACKOFFICE_TOKEN_REQUIRED') {
      void reply.header('www-authenticate', 'Bearer realm="backoffice"');
    }
    void reply.status(accessStatusOf(error.code)).send(body);
  }
}
