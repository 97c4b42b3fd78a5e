import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { UpstreamError } from '../upstream/upstream.error';
import { ReportError, ReportErrorCode, upstreamCode } from './reports.errors';

/** The one place where the exports' errors become HTTP statuses. */
export function reportStatusOf(code: ReportErrorCode): HttpStatus {
  switch (code) {
    case 'DASHBOARD.REPORT_NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'DASHBOARD.BAD_REQUEST':
      return HttpStatus.BAD_REQUEST;
    case 'DASHBOARD.UPSTREAM_UNSET':
      return HttpStatus.SERVICE_UNAVAILABLE;
    case 'DASHBOARD.UPSTREAM_UNREACHABLE':
    case 'DASHBOARD.UPSTREAM_FAILED':
      return HttpStatus.BAD_GATEWAY;
    case 'DASHBOARD.UPSTREAM_TIMEOUT':
      return HttpStatus.GATEWAY_TIMEOUT;
  }
}

/**
 * Answers `{code, message}`. A failed aggregator call is logged with its cause (the URL's
 * origin and path, never a token) and answered with its code and a message for the page.
 */
@Catch(ReportError, UpstreamError)
export class ReportErrorFilter implements ExceptionFilter<ReportError | UpstreamError> {
  private readonly logger = new Logger(ReportErrorFilter.name);

  catch(error: ReportError | UpstreamError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let body: ErrorBody & { code: ReportErrorCode };
    if (error instanceof UpstreamError) {
      body = {
        code: upstreamCode(error.failure),
        message: `the aggregator's report could not be read (${error.failure})`,
      };
      this.logger.warn({ msg: 'report not read from the aggregator', code: body.code, err: error });
    } else {
      body = { code: error.code, message: error.message };
    }
    void reply.status(reportStatusOf(body.code)).send(body);
  }
}
