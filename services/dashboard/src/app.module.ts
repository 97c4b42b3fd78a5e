import { DynamicModule, Module } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { KAFKA_ADMIN } from '@donations/kafka';
import { kafkaReadiness, ObservabilityModule } from '@donations/observability';
import type { DashboardConfig } from './config/dashboard.config';
import { BackofficeSessionModule } from './backoffice/backoffice-session.module';
import { BackofficeModule } from './backoffice/backoffice.module';
import { CheckModule } from './check/check.module';
import { ConnectionsModule, SERVICE } from './connections/connections.module';
import { FeedModule } from './feed/feed.module';
import { LiveModule } from './live/live.module';
import { NamesModule } from './names/names.module';
import { PageModule } from './page/page.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { ReportsModule } from './reports/reports.module';

@Module({})
export class AppModule {
  static register(config: DashboardConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConnectionsModule.forRoot(config),
        ObservabilityModule.forRoot({
          service: SERVICE,
          logLevel: config.LOG_LEVEL,
          readiness: {
            inject: [KAFKA_ADMIN],
            useFactory: (admin: Admin) => [kafkaReadiness(admin)],
          },
        }),
        LiveModule,
        FeedModule,
        PipelineModule,
        NamesModule,
        PageModule,
        BackofficeSessionModule,
        ReportsModule,
        CheckModule,
        BackofficeModule,
      ],
    };
  }
}
