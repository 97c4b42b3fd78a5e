import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { LiveError, LiveErrorCode } from './live.errors';

/** How long a refused page waits before it tries again (dashboard.js does the same). */
export const LIVE_RETRY_AFTER_SECONDS = 10;

/** The one place where live-stream errors become HTTP statuses. */
export function statusOf(code: LiveErrorCode): HttpStatus {
  switch (code) {
    case 'DASHBOARD.TOO_MANY_CLIENTS':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

@Catch(LiveError)
export class LiveErrorFilter implements ExceptionFilter<LiveError> {
  catch(error: LiveError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody = { code: error.code, message: error.message };
    void reply
      .status(statusOf(error.code))
      .header('retry-after', String(LIVE_RETRY_AFTER_SECONDS))
      .send(body);
  }
}
