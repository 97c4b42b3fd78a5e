import { randomUUID } from 'node:crypto';
import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import type { ErrorBody } from '@donations/contracts';

/** The `{code, message, errorId?}` error answer: a contract in @donations/contracts (http/). */
export type { ErrorBody };

/** HTTP-level failures that happen before a handler runs, as stable codes. */
function codeOf(status: HttpStatus): string {
  switch (status) {
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'WEBHOOK.BODY_TOO_LARGE';
    case HttpStatus.NOT_FOUND:
      return 'HTTP.NOT_FOUND';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'HTTP.UNSUPPORTED_MEDIA_TYPE';
    case HttpStatus.BAD_REQUEST:
      return 'HTTP.BAD_REQUEST';
    default:
      return `HTTP.${status}`;
  }
}

/**
 * Every error answer is `{code, message}`. Handlers answer their own domain errors; what reaches
 * this filter is HTTP-level (unknown route, body too large, a dependency not ready: 503) or a
 * bug: a 500 whose errorId is in the log line.
 */
@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : ((exception as { statusCode?: number }).statusCode ?? 500);
    if (exception instanceof ServiceUnavailableException) {
      // Deliberate (terminus' readiness): the status stays 503 and its details are kept.
      const details = exception.getResponse();
      void reply.status(HttpStatus.SERVICE_UNAVAILABLE).send({
        ...(typeof details === 'object' ? details : {}),
        code: 'HTTP.SERVICE_UNAVAILABLE',
        message: exception.message,
      });
      return;
    }
    if (status < 500) {
      const message = exception instanceof Error ? exception.message : 'request rejected';
      void reply.status(status).send({ code: codeOf(status), message } satisfies ErrorBody);
      return;
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error');
    void reply.status(500).send({
      code: 'INTERNAL',
      message: `internal error ${errorId}`,
      errorId,
    } satisfies ErrorBody);
  }
}
