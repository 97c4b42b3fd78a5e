import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerTokenMatches } from '@donations/observability';
import type { StatisticsConfig } from '../config/statistics.config';
import { STATISTICS_CONFIG } from '../connections/connections.tokens';
import { GenerationError } from './generation.errors';

/** Lets an operators' request through only with `Authorization: Bearer <OPERATOR_TOKEN>`. */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(STATISTICS_CONFIG) private readonly config: StatisticsConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.OPERATOR_TOKEN;
    if (token === undefined) {
      throw new GenerationError(
        'STATS.OPERATIONS_DISABLED',
        "operators' endpoints are disabled on this service (OPERATOR_TOKEN is not set)",
      );
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!bearerTokenMatches(token, request.headers.authorization)) {
      throw new GenerationError('STATS.UNAUTHORIZED', 'a valid operator bearer token is required');
    }
    return true;
  }
}
