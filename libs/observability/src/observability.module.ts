import {
  DynamicModule,
  FactoryProvider,
  Module,
  ModuleMetadata,
  OnApplicationShutdown,
} from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { LevelWithSilent } from 'pino';
import { HealthController } from './health/health.controller';
import { READINESS_CHECKS, ReadinessCheck } from './health/readiness-check';
import { READINESS_METRICS, reportReadiness } from './health/readiness.metrics';
import { LoggingModule } from './logging/logging.module';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsService } from './metrics/metrics.service';
import { flushTracing } from './tracing/tracing';

export interface ObservabilityOptions {
  service: string;
  logLevel: LevelWithSilent;
  /** Modules whose providers the readiness factory injects (Kafka admin, DataSource, Redis). */
  imports?: ModuleMetadata['imports'];
  readiness: Pick<FactoryProvider<ReadinessCheck[]>, 'inject' | 'useFactory'>;
}

/** JSON logs with correlation ids, /metrics and /health/{live,ready} for one service. */
@Module({})
export class ObservabilityModule implements OnApplicationShutdown {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [
        LoggingModule.forRoot({ service: options.service, level: options.logLevel }),
        TerminusModule.forRoot({ logger: false }),
        ...(options.imports ?? []),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: MetricsService, useValue: new MetricsService(options.service) },
        { provide: READINESS_CHECKS, ...options.readiness },
        {
          provide: READINESS_METRICS,
          inject: [MetricsService, READINESS_CHECKS],
          useFactory: reportReadiness,
        },
      ],
      exports: [MetricsService, LoggingModule],
    };
  }

  /** The spans of the last moments go out before the process ends (a no-op with tracing off). */
  async onApplicationShutdown(): Promise<void> {
    await flushTracing();
  }
}
