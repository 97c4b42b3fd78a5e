import fastifyRateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@donations/observability';
import { AppModule } from './app.module';
import type { DashboardConfig } from './config/dashboard.config';
import { SERVICE } from './connections/connections.module';

/**
 * The dashboard gateway: reads the aggregate and stats topics once `listen()` (or `init()`)
 * bootstraps it, and serves the live page, its snapshot and its server-sent events.
 */
export async function createDashboardApp(config: DashboardConfig): Promise<NestFastifyApplication> {
  const app = await createServiceApp(AppModule.register(config), {
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    http: config,
    apiDocs: {
      title: SERVICE,
      description: 'The live page, its snapshot and its server-sent events',
    },
  });
  // Only the routes that ask for it are limited (the public check's CheckRateGuard).
  await app.register(fastifyRateLimit, { global: false });
  return app;
}
