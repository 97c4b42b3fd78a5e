import { DynamicModule, Module } from '@nestjs/common';
import { AdapterKitModule, AlipayNotifyProtocol } from '@donations/adapter-kit';
import type { AdapterAlipayConfig } from './config/adapter-alipay.config';
import { AlipayMapping } from './webhook/alipay.mapping';
import { WebhookController } from './webhook/webhook.controller';

@Module({})
export class AppModule {
  static register(config: AdapterAlipayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AdapterKitModule.forRoot({
          service: 'adapter-alipay',
          platform: 'alipay',
          config,
          protocol: {
            useFactory: () =>
              new AlipayNotifyProtocol({
                appId: config.ALIPAY_APP_ID,
                appPrivateKey: config.ALIPAY_APP_PRIVATE_KEY,
                alipayPublicKeys: config.ALIPAY_PUBLIC_KEYS,
              }),
          },
          mapping: { useFactory: () => new AlipayMapping() },
        }),
      ],
      controllers: [WebhookController],
    };
  }
}
