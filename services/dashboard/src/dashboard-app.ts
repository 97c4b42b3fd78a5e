import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createFastifyAdapter, createLogger, ErrorResponseFilter } from '@donations/observability';
import { AppModule } from './app.module';
import type { DashboardConfig } from './config/dashboard.config';
import { SERVICE } from './connections/connections.module';

/**
 * The dashboard gateway: reads the aggregate and stats topics once `listen()` (or `init()`)
 * bootstraps it, and serves the live page, its snapshot and its server-sent events.
 */
export async function createDashboardApp(config: DashboardConfig): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config),
    createFastifyAdapter(),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(
    new ErrorResponseFilter(createLogger({ service: SERVICE, level: config.LOG_LEVEL })),
  );
  return app;
}
