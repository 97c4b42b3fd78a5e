import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { bearerTokenMatches } from '@donations/observability';
import type { AggregatorConfig } from '../config/aggregator.config';
import { AGGREGATOR_CONFIG } from '../connections/connections.tokens';
import { QueryError } from '../queries/queries.errors';

/** Lets an operators' request through only with `Authorization: Bearer <OPERATOR_TOKEN>`. */
@Injectable()
export class OperatorTokenGuard implements CanActivate {
  constructor(@Inject(AGGREGATOR_CONFIG) private readonly config: AggregatorConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = this.config.OPERATOR_TOKEN;
    if (token === undefined) {
      throw new QueryError(
        'AGGREGATE.OPERATIONS_DISABLED',
        "operators' endpoints are disabled on this aggregator (OPERATOR_TOKEN is not set)",
      );
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!bearerTokenMatches(token, request.headers.authorization)) {
      throw new QueryError('AGGREGATE.UNAUTHORIZED', 'a valid operator bearer token is required');
    }
    return true;
  }
}
