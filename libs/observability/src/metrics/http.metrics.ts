import type { FastifyInstance } from 'fastify';
import type { MetricsService } from './metrics.service';

/**
 * http_requests_total on /metrics: every answer by method, route (the template: never the URL,
 * whose query may carry what a caller sent) and status code, so that a 5xx rate is seen per
 * service and route, whatever the route.
 */
export function countHttpRequests(fastify: FastifyInstance, metrics: MetricsService): void {
  const answered = metrics.counter(
    'http_requests_total',
    'HTTP requests answered, by method, route template and status code',
    ['method', 'route', 'status'],
  );
  fastify.addHook('onResponse', (request, reply, done) => {
    answered.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
    done();
  });
}
