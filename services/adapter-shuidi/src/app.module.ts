import { DynamicModule, Module } from '@nestjs/common';
import { AdapterKitModule, StandardWebhooksProtocol } from '@donations/adapter-kit';
import type { AdapterShuidiConfig } from './config/adapter-shuidi.config';
import { ShuidiMapping } from './webhook/shuidi.mapping';
import { WebhookController } from './webhook/webhook.controller';

@Module({})
export class AppModule {
  static register(config: AdapterShuidiConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AdapterKitModule.forRoot({
          service: 'adapter-shuidi',
          platform: 'shuidi',
          config,
          protocol: {
            useFactory: () =>
              new StandardWebhooksProtocol({
                secrets: config.SHUIDI_WEBHOOK_SECRETS,
                toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
              }),
          },
          mapping: { useFactory: () => new ShuidiMapping() },
        }),
      ],
      controllers: [WebhookController],
    };
  }
}
