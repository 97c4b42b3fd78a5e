import type { DynamicModule, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HttpServerEnv } from '@donations/config';
import { createFastifyAdapter, createServiceApp } from '@donations/observability';
import type { AdapterEnv } from './adapter.config';
import { serveOpenApi } from './http/openapi';
import { keepRawBodies } from './http/raw-body';

/**
 * Builds and starts an adapter's HTTP app: raw bodies, body limit, HTTP timeouts and connection
 * cap, JSON logs, shutdown hooks.
 */
export async function startAdapter(
  service: string,
  module: Type<unknown> | DynamicModule,
  config: AdapterEnv,
): Promise<NestFastifyApplication> {
  const app = await createAdapterApp(service, module, config);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  return app;
}

export async function createAdapterApp(
  service: string,
  module: Type<unknown> | DynamicModule,
  config: Pick<AdapterEnv, 'WEBHOOK_BODY_LIMIT_BYTES' | 'LOG_LEVEL'> & Partial<HttpServerEnv>,
): Promise<NestFastifyApplication> {
  const adapter = createFastifyAdapter({
    bodyLimit: config.WEBHOOK_BODY_LIMIT_BYTES,
    http: config,
  });
  keepRawBodies(adapter.getInstance(), config.WEBHOOK_BODY_LIMIT_BYTES);
  const app = await createServiceApp(module, {
    service,
    logLevel: config.LOG_LEVEL,
    adapter,
    // Nest's JSON and form parsers would replace the raw bytes that signatures are verified on.
    bodyParser: false,
  });
  app.enableShutdownHooks();
  serveOpenApi(app, service);
  return app;
}
