import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';
import { stateHeader, withState } from './rebuild-progress';
import { RebuildService } from './rebuild.service';

/** Every response under /stats says whether its figures are live or being rebuilt. */
const STATS_PATH = /^\/stats(\/|\?|$)/;

/**
 * Adds the statistics' state to every /stats/* response: the `x-stats-state` header (errors
 * included) and a `state` field on JSON object bodies, `{"status":"live"}` or
 * `{"status":"rebuilding","startedAt":...,"progress":{"consumed","total","ratio"}}`.
 */
@Injectable()
export class StatsStateInterceptor implements NestInterceptor {
  constructor(@Inject(RebuildService) private readonly rebuild: RebuildService) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    if (!STATS_PATH.test(http.getRequest<FastifyRequest>().url)) return next.handle();
    const state = await this.rebuild.state();
    void http.getResponse<FastifyReply>().header('x-stats-state', stateHeader(state));
    return next.handle().pipe(map((body: unknown) => withState(body, state)));
  }
}
