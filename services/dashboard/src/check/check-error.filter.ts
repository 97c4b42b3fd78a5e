import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { UpstreamError, UpstreamFailure, upstreamCode } from '../upstream/upstream.error';
import { CheckError, CheckErrorCode } from './check.errors';

interface Answer {
  status: HttpStatus;
  body: ErrorBody;
}

/** The one place where the check's errors become HTTP statuses. */
export function statusOf(code: CheckErrorCode): HttpStatus {
  switch (code) {
    case 'DASHBOARD.CHECK_INVALID':
      return HttpStatus.BAD_REQUEST;
    case 'DASHBOARD.CHECK_RATE_LIMITED':
      return HttpStatus.TOO_MANY_REQUESTS;
  }
}

/**
 * A ledger that did not answer, for the public: its status and a code the page can act on (try
 * again later); where the call failed stays in the log, not in the answer.
 */
export function upstreamAnswerOf(failure: UpstreamFailure): Answer {
  const answer = (status: HttpStatus, why: string): Answer => ({
    status,
    body: {
      code: upstreamCode(failure),
      message: `the ledger cannot be read now (${why}); try again later`,
    },
  });
  switch (failure) {
    case 'unset':
      return answer(HttpStatus.SERVICE_UNAVAILABLE, 'not configured');
    case 'unreachable':
      return answer(HttpStatus.BAD_GATEWAY, 'unreachable');
    case 'timeout':
      return answer(HttpStatus.GATEWAY_TIMEOUT, 'no answer in time');
    case 'failed':
      return answer(HttpStatus.BAD_GATEWAY, 'it failed');
  }
}

@Catch(CheckError, UpstreamError)
export class CheckErrorFilter implements ExceptionFilter<CheckError | UpstreamError> {
  private readonly logger = new Logger(CheckErrorFilter.name);

  catch(error: CheckError | UpstreamError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof UpstreamError) {
      // The message names the aggregator's address and path, never the transaction asked for.
      this.logger.warn({ err: error, failure: error.failure }, 'donation check: ledger not read');
      const { status, body } = upstreamAnswerOf(error.failure);
      void reply.status(status).send(body);
      return;
    }
    if (error.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
    const body: ErrorBody = { code: error.code, message: error.message };
    void reply.status(statusOf(error.code)).send(body);
  }
}
