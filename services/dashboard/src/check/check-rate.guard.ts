import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import '@fastify/rate-limit';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';
import { CheckError } from './check.errors';

type Limiter = ReturnType<FastifyRequest['server']['createRateLimit']>;

const MINUTE_MS = 60_000;

/**
 * DASHBOARD_CHECK_PER_MINUTE lookups per client address and minute, counted by
 * @fastify/rate-limit (registered on the app by createDashboardApp); one more is 429
 * `DASHBOARD.CHECK_RATE_LIMITED` with Retry-After. A guard rather than the plugin's route hook,
 * so that the refusal goes through the check's error filter like every other answer. The
 * address is the socket's: behind a reverse proxy every client would share one.
 */
@Injectable()
export class CheckRateGuard implements CanActivate {
  private limiter?: Limiter;

  constructor(@Inject(DASHBOARD_CONFIG) private readonly config: DashboardConfig) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    this.limiter ??= request.server.createRateLimit({
      max: this.config.DASHBOARD_CHECK_PER_MINUTE,
      timeWindow: MINUTE_MS,
    });
    const limit = await this.limiter(request);
    if (limit.isAllowed || !limit.isExceeded) return true;
    throw new CheckError(
      'DASHBOARD.CHECK_RATE_LIMITED',
      `at most ${limit.max} checks a minute from one address; try again in ${limit.ttlInSeconds} s`,
      limit.ttlInSeconds,
    );
  }
}
