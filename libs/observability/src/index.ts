export * from './health/readiness-check';
export * from './logging/logger';
export * from './logging/logging.module';
export * from './metrics/metrics.service';
export * from './observability.module';
export * from './logging/run-service';
export * from './logging/fastify-adapter';
export * from './logging/error-response.filter';
