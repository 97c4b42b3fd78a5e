import { DynamicModule, Module } from '@nestjs/common';
import { AdapterKitModule, StandardWebhooksProtocol } from '@donations/adapter-kit';
import type { AdapterJdConfig } from './config/adapter-jd.config';
import { JdMapping } from './webhook/jd.mapping';
import { WebhookController } from './webhook/webhook.controller';

export const JD_SERVICE = 'adapter-jd';

@Module({})
export class AppModule {
  static register(config: AdapterJdConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AdapterKitModule.forRoot({
          service: JD_SERVICE,
          platform: 'jd',
          config,
          protocol: {
            useFactory: () =>
              new StandardWebhooksProtocol({
                secrets: config.JD_WEBHOOK_SECRETS,
                toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
              }),
          },
          mapping: { useFactory: () => new JdMapping() },
        }),
      ],
      controllers: [WebhookController],
    };
  }
}
