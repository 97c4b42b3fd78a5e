import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp } from '@donations/observability';
import { AppModule } from './app.module';
import type { DashboardConfig } from './config/dashboard.config';
import { SERVICE } from './connections/connections.module';

/**
 * The dashboard gateway: reads the aggregate and stats topics once `listen()` (or `init()`)
 * bootstraps it, and serves the live page, its snapshot and its server-sent events.
 */
export function createDashboardApp(config: DashboardConfig): Promise<NestFastifyApplication> {
  return createServiceApp(AppModule.register(config), {
    service: SERVICE,
    logLevel: config.LOG_LEVEL,
    http: config,
    apiDocs: {
      title: SERVICE,
      description: 'The live page, its snapshot and its server-sent events',
    },
  });
}
