import { DynamicModule, Module } from '@nestjs/common';
import { KafkaConnectionsModule } from '@donations/kafka';
import { DASHBOARD_CONFIG, DashboardConfig } from '../config/dashboard.config';

export const SERVICE = 'dashboard';

/** Kafka (client and admin) and the typed config, for every module of the gateway. */
@Module({})
export class ConnectionsModule {
  static forRoot(config: DashboardConfig): DynamicModule {
    return {
      module: ConnectionsModule,
      global: true,
      imports: [KafkaConnectionsModule.forService(SERVICE, config)],
      providers: [{ provide: DASHBOARD_CONFIG, useValue: config }],
      exports: [DASHBOARD_CONFIG],
    };
  }
}
