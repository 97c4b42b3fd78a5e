import { ArgumentsHost, Catch, ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ErrorBody } from '@donations/observability';
import { GenerationError, GenerationErrorCode } from './generation.errors';

/** The one place where the generations' errors become HTTP statuses. */
export function statusOf(code: GenerationErrorCode): HttpStatus {
  switch (code) {
    case 'STATS.OPERATIONS_DISABLED':
    case 'STATS.NOT_FOUND':
      return HttpStatus.NOT_FOUND;
    case 'STATS.UNAUTHORIZED':
      return HttpStatus.UNAUTHORIZED;
    case 'STATS.GENERATION_IN_USE':
      return HttpStatus.CONFLICT;
  }
}

@Catch(GenerationError)
export class GenerationErrorFilter implements ExceptionFilter<GenerationError> {
  catch(error: GenerationError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body: ErrorBody = { code: error.code, message: error.message };
    void reply.status(statusOf(error.code)).send(body);
  }
}
