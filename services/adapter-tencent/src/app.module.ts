import { DynamicModule, Module } from '@nestjs/common';
import { AdapterKitModule, WechatPayV3Protocol } from '@donations/adapter-kit';
import type { AdapterTencentConfig } from './config/adapter-tencent.config';
import { TencentMapping } from './webhook/tencent.mapping';
import { WebhookController } from './webhook/webhook.controller';

@Module({})
export class AppModule {
  static register(config: AdapterTencentConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AdapterKitModule.forRoot({
          service: 'adapter-tencent',
          platform: 'tencent',
          config,
          protocol: {
            useFactory: () =>
              new WechatPayV3Protocol({
                apiV3Key: config.WECHATPAY_APIV3_KEY,
                platformKeys: config.WECHATPAY_PLATFORM_KEYS,
                toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
              }),
          },
          mapping: { useFactory: () => new TencentMapping({ merchantId: config.WECHATPAY_MCHID }) },
        }),
      ],
      controllers: [WebhookController],
    };
  }
}
