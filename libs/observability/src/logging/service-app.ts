import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { LevelWithSilent } from 'pino';
import type { HttpServerEnv } from '@donations/config';
import { MetricsService } from '../metrics/metrics.service';
import { countHttpRequests } from '../metrics/http.metrics';
import { ApiDocsOptions, serveApiDocs } from '../openapi/api-docs';
import { traceRequests } from '../tracing/request-spans';
import { ErrorResponseFilter } from './error-response.filter';
import { createFastifyAdapter } from './fastify-adapter';
import { createLogger } from './logger';

export interface ServiceAppOptions {
  readonly service: string;
  readonly logLevel: LevelWithSilent;
  /** Fastify with the service's own settings (an adapter's body limit); the default otherwise. */
  readonly adapter?: FastifyAdapter;
  /**
   * The service's HTTP_* timeouts and connection cap (its config: every service's schema has
   * them), for the default adapter; a given `adapter` was built with its own.
   */
  readonly http?: Partial<HttpServerEnv>;
  /** Nest's JSON and form parsers (on unless told); an adapter turns them off for raw bytes. */
  readonly bodyParser?: boolean;
  /** Serve the OpenAPI document at /openapi.json and the Swagger UI at /docs, so titled. */
  readonly apiDocs?: ApiDocsOptions;
}

/**
 * A service's Nest app on Fastify, as every service builds it: Nest's own log lines go through
 * the service's pino logger (buffered until it is ready), errors answer `{code, message}`, and,
 * when asked, its OpenAPI document and Swagger UI are served.
 */
export async function createServiceApp(
  module: Type<unknown> | DynamicModule,
  options: ServiceAppOptions,
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    options.adapter ?? createFastifyAdapter({ http: options.http }),
    { bufferLogs: true, bodyParser: options.bodyParser ?? true },
  );
  app.useLogger(app.get(Logger));
  traceRequests(app.getHttpAdapter().getInstance());
  countHttpRequests(app.getHttpAdapter().getInstance(), app.get(MetricsService));
  app.useGlobalFilters(
    new ErrorResponseFilter(createLogger({ service: options.service, level: options.logLevel })),
  );
  if (options.apiDocs !== undefined) serveApiDocs(app, options.apiDocs);
  return app;
}
