import { DynamicModule, Module } from '@nestjs/common';
import { AdapterKitModule, StripeProtocol } from '@donations/adapter-kit';
import type { AdapterStripeConfig } from './config/adapter-stripe.config';
import { StripeMapping } from './webhook/stripe.mapping';
import { WebhookController } from './webhook/webhook.controller';

@Module({})
export class AppModule {
  static register(config: AdapterStripeConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AdapterKitModule.forRoot({
          service: 'adapter-stripe',
          platform: 'stripe',
          config,
          protocol: {
            useFactory: () =>
              new StripeProtocol({
                secrets: config.STRIPE_WEBHOOK_SECRETS,
                toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
              }),
          },
          mapping: { useFactory: () => new StripeMapping() },
        }),
      ],
      controllers: [WebhookController],
    };
  }
}
